"""Run CPython's ctypes test suite (``ctypes.test``) inside the guest, one line per test.

Run by python.wasm (``tests/test_cpython.py``): each test's outcome is printed as
``RESULT <outcome> <test id>`` (outcome: pass, fail, error, skip, xfail, xpass; a skip adds
its reason), a failure's traceback follows on lines starting with ``| ``, and at the end
``DONE <count>``, so the host can check every test on its own.
"""

import _ctypes_test
import unittest

# The tests open CDLL(_ctypes_test.__file__); a built-in module has no file, and the dlfcn
# stand-in ignores the name.
_ctypes_test.__file__ = "_ctypes_test"


class LineResult(unittest.TestResult):
    def _report(self, outcome, test, detail=""):
        print(f"RESULT {outcome} {test.id()} {detail}".rstrip(), flush=True)

    def _traceback(self, text):
        for line in text.splitlines():
            print(f"| {line}", flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._report("pass", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._report("fail", test)
        self._traceback(self.failures[-1][1])

    def addError(self, test, err):
        super().addError(test, err)
        self._report("error", test)
        self._traceback(self.errors[-1][1])

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._report("skip", test, " ".join(str(reason).split()))

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._report("xfail", test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._report("xpass", test)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromName("ctypes.test")
    result = LineResult()
    suite.run(result)
    print(f"DONE {result.testsRun}", flush=True)


if __name__ == "__main__":
    main()
