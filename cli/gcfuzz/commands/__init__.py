"""The subcommands of ./gcfuzz, one module each."""
