"""What discovery never calls, matched on names (a class, a method, a module function).

A trial runs with nodes as arguments (lists, dicts, instances), so most dangerous calls
would fail on their argument types anyway; these are the ones that need no argument, or
take any object, and would end, stop or damage the process or the machine. Everything
else is left to the per-trial timeout, so that discovery does not guess wrong by name.
"""
import re

# Denied wherever the name appears: a method, a function or a class.
EVERYWHERE = [
    # ending or replacing the process
    r"_?exit", r"abort", r"quit", r"fork(pty)?", r"kill(pg)?", r"pidfd_send_signal",
    r"exec[lv]p?e?", r"system", r"popen\d?", r"Popen", r"spawn[lv]p?e?", r"posix_spawnp?",
    r"daemon(ize)?",
    # sleeping and blocking
    r"sleep", r"usleep", r"pause", r"wait(pid|id|3|4)?", r"select", r"e?poll", r"accept",
    r"recv(from|_into|from_into|msg|msg_into|_bytes)?",
    r"serve_forever", r"run_forever", r"run_until_complete", r"mainloop", r"dooneevent",
    r"handle_request", r"shutdown", r"interact", r"cmdloop",
    # locks
    r"acquire(_lock)?", r"_acquire_restore", r"start_new_thread", r"start_new",
    r"interrupt_main",
    # signals
    r"signal", r"setitimer", r"alarm", r"pthread_kill", r"pthread_sigmask", r"sigwait(info)?",
    r"sigtimedwait", r"raise_signal", r"set_wakeup_fd", r"siginterrupt",
    # faulthandler's crash helpers
    r"_sigsegv", r"_sigabrt", r"_sigfpe", r"_sigbus", r"_sigill", r"_read_null",
    r"_fatal_error(_c_thread)?", r"_stack_overflow",
    # raw memory (ctypes and the like)
    r"string_at", r"wstring_at", r"from_address", r"PyObj_FromPtr", r"memmove", r"memset",
    r"dlopen", r"dlsym", r"dlclose", r"call_function", r"call_cdeclfunction",
    r"Py_INCREF", r"Py_DECREF", r"CDLL", r"PyDLL", r"LoadLibrary",
    # reading the terminal
    r"input", r"raw_input", r"readline", r"readlines", r"getpass",
    # the file system and the process's own state
    r"unlink", r"rmdir", r"removedirs", r"rmtree", r"f?chdir", r"chroot", r"renames",
    r"f?truncate", r"[fl]?chmod", r"[fl]?chown", r"mkdir", r"makedirs", r"mkfifo",
    r"mknod", r"symlink", r"utime", r"umask", r"setrlimit", r"prlimit",
    r"settrace", r"setprofile", r"setrecursionlimit", r"setswitchinterval",
]
# Denied as module functions only: as methods they are container operations
# (deque.remove, Element.remove) that graphs need; as functions they touch files.
FUNCTIONS_ONLY = [r"remove", r"rename", r"replace", r"link", r"close", r"closerange",
                  r"dup2", r"write"]


def _full(pattern):
    return "(?:%s)\\Z" % pattern


def rules(skip=()):
    """The probe's deny rules: built-in patterns plus the adapter's SKIP names (a bare
    name, or Class.name)."""
    return {"everywhere": [_full(p) for p in EVERYWHERE] + [_full(re.escape(n)) for n in skip],
            "functions": [_full(p) for p in FUNCTIONS_ONLY]}


def denied(name, skip=(), function=False):
    """The same decision the probe takes, for the CLI's own use (and tests)."""
    found = rules(skip)
    patterns = found["everywhere"] + (found["functions"] if function else [])
    return any(re.match(pattern, name) for pattern in patterns)
