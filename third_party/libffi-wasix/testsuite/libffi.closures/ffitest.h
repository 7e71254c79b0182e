#include "../libffi.call/ffitest.h"
