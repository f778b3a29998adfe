"""The gcfuzz command-line driver: bootstrap, build, and the subcommands."""
