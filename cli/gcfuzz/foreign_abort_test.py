"""foreign_abort: the message of a Rust panic or a C++ terminate, as each toolchain prints it,
normalized to what tells two findings apart."""
import unittest

from gcfuzz import foreign_abort

# rustc 1.95 (rustup), PyO3 0.17.3's thread checker inside __traverse__.
RUST_NEW = """\
thread '<unnamed>' (17202) panicked at /usr/share/cargo/registry/pyo3-0.17.3/src/impl_/pyclass.rs:1056:9:
assertion `left == right` failed: cells::Cell is unsendable, but sent to another thread!
  left: ThreadId(1)
 right: ThreadId(2)
stack backtrace:
   0: __rustc::rust_begin_unwind

thread '<unnamed>' (17222) panicked at /usr/share/cargo/registry/pyo3-0.17.3/src/impl_/panic.rs:25:9:
uncaught panic inside __traverse__ handler
thread caused non-unwinding panic. aborting.
==17222== ERROR: libFuzzer: deadly signal
"""

# rustc 1.63 (Debian's): the message is quoted, the location after it.
RUST_OLD = """\
thread '<unnamed>' panicked at 'assertion failed: `(left == right)`
  left: `ThreadId(1)`,
 right: `ThreadId(3)`: cells::Cell is unsendable, but sent to another thread!', /usr/share/cargo/registry/pyo3-0.17.3/src/impl_/pyclass.rs:1056:9
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
thread '<unnamed>' panicked at 'uncaught panic inside __traverse__ handler', /usr/share/cargo/registry/pyo3-0.17.3/src/impl_/panic.rs:25:9
fatal runtime error: failed to initiate panic, error 5
"""

LIBSTDCXX = """\
terminate called after throwing an instance of 'pybind11::cast_error'
  what():  Unable to cast Python instance at 0x7f3a2c to C++ type 'Box'
==1== ERROR: libFuzzer: deadly signal
"""

LIBCXXABI = "libc++abi: terminating due to uncaught exception of type std::runtime_error: boom\n"


class ForeignAbortTest(unittest.TestCase):
    def test_the_first_rust_panic_is_the_cause_in_either_format(self):
        expected = ("Rust panic", "cells::Cell is unsendable, but sent to another thread!")
        self.assertEqual(foreign_abort.find(RUST_NEW), expected)
        self.assertEqual(foreign_abort.find(RUST_OLD), expected)

    def test_a_plain_panic_message_is_kept_whole(self):
        output = ("thread 'main' panicked at src/lib.rs:10:5:\nindex out of bounds: the len is "
                  "3 but the index is 7\nnote: run with `RUST_BACKTRACE=1`\n")
        self.assertEqual(foreign_abort.find(output),
                         ("Rust panic", "index out of bounds: the len is 3 but the index is 7"))

    def test_cxx_terminate_names_the_exception_and_its_message(self):
        self.assertEqual(foreign_abort.find(LIBSTDCXX),
                         ("C++ terminate", "pybind11::cast_error: Unable to cast Python "
                          "instance at 0x... to C++ type 'Box'"))
        self.assertEqual(foreign_abort.find(LIBCXXABI),
                         ("C++ terminate", "std::runtime_error: boom"))
        self.assertEqual(foreign_abort.find("terminate called without an active exception\n"),
                         ("C++ terminate", "terminate called without an active exception"))

    def test_nothing_foreign(self):
        self.assertIsNone(foreign_abort.find("==1== ERROR: libFuzzer: deadly signal\n"))
        # The fixtures' own affinity abort imitates PyO3's words but is the catalog's finding.
        self.assertIsNone(foreign_abort.find(
            "thread '<unnamed>' panicked: Affine is unsendable, but is being dropped on another "
            "thread\nfatal runtime error: failed to initiate panic, aborting\n"))


if __name__ == "__main__":
    unittest.main()
