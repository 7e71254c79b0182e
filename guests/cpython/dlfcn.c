/* The dlfcn stand-in of include/dlfcn.h: symbol tables instead of shared libraries.
 *
 * One table holds what ctypes programs and CPython's ctypes tests look up in the C library and
 * in the interpreter (pythonapi = PyDLL(None)); build.py generates the second, of
 * _ctypes_test.c's globals, in the same translation unit as that file. */
#include "Python.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Declared in CPython's internal headers; their addresses are what ctypes' in_dll reads. */
struct _frozen;
extern const struct _frozen *_PyImport_FrozenBootstrap;
extern const struct _frozen *_PyImport_FrozenStdlib;
extern const struct _frozen *_PyImport_FrozenTest;

#define FUNCTION(name) {#name, (void *)(name)}
#define DATA(name) {#name, (void *)&(name)}

static const struct wasm_closures_symbol program_symbols[] = {
    /* The C library. */
    FUNCTION(qsort), FUNCTION(bsearch), FUNCTION(abs), FUNCTION(labs), FUNCTION(atoi),
    FUNCTION(atof), FUNCTION(strtol), FUNCTION(strtod), FUNCTION(malloc), FUNCTION(calloc),
    FUNCTION(realloc), FUNCTION(free), FUNCTION(getenv), FUNCTION(rand), FUNCTION(srand),
    FUNCTION(strlen), FUNCTION(strcmp), FUNCTION(strncmp), FUNCTION(strchr), FUNCTION(strrchr),
    FUNCTION(strstr), FUNCTION(strcpy), FUNCTION(strncpy), FUNCTION(strcat), FUNCTION(strdup),
    FUNCTION(memcpy), FUNCTION(memmove), FUNCTION(memset), FUNCTION(memcmp), FUNCTION(toupper),
    FUNCTION(tolower), FUNCTION(puts), FUNCTION(putchar), FUNCTION(printf), FUNCTION(sprintf),
    FUNCTION(snprintf), FUNCTION(time), FUNCTION(sqrt), FUNCTION(pow), FUNCTION(sin),
    FUNCTION(cos), FUNCTION(floor), FUNCTION(ceil), FUNCTION(fabs),
    /* The interpreter's C API (pythonapi). */
    FUNCTION(Py_IncRef), FUNCTION(Py_DecRef), FUNCTION(Py_GetVersion),
    FUNCTION(PyBytes_FromString), FUNCTION(PyBytes_FromStringAndSize), FUNCTION(PyBytes_AsString),
    FUNCTION(PyBytes_Size), FUNCTION(PyUnicode_FromString), FUNCTION(PyUnicode_FromWideChar),
    FUNCTION(PyUnicode_AsUTF8), FUNCTION(PyLong_FromLong), FUNCTION(PyLong_AsLong),
    FUNCTION(PyLong_FromLongLong), FUNCTION(PyLong_AsLongLong), FUNCTION(PyLong_FromSize_t),
    FUNCTION(PyFloat_FromDouble), FUNCTION(PyFloat_AsDouble), FUNCTION(PyTuple_New),
    FUNCTION(PyTuple_Size), FUNCTION(PyTuple_GetItem), FUNCTION(PyList_New), FUNCTION(PyList_Size),
    FUNCTION(PyList_Append), FUNCTION(PyList_GetItem), FUNCTION(PyDict_New),
    FUNCTION(PyDict_GetItemString), FUNCTION(PyDict_SetItemString), FUNCTION(PyObject_Repr),
    FUNCTION(PyObject_Str), FUNCTION(PyObject_GetAttrString), FUNCTION(PyObject_SetAttrString),
    FUNCTION(PyObject_CallObject), FUNCTION(PyObject_Length), FUNCTION(PyErr_SetString),
    FUNCTION(PyErr_Occurred), FUNCTION(PyErr_Clear), FUNCTION(PyErr_SetObject),
    FUNCTION(PyOS_snprintf), FUNCTION(PyMem_Malloc), FUNCTION(PyMem_Free),
    FUNCTION(PyCapsule_New), FUNCTION(PyCapsule_GetPointer), FUNCTION(PyGILState_Ensure),
    FUNCTION(PyGILState_Release), FUNCTION(PyThreadState_SetAsyncExc), FUNCTION(PySys_GetObject),
    FUNCTION(PyRun_SimpleString), FUNCTION(PyEval_GetBuiltins), FUNCTION(PyImport_ImportModule),
    DATA(Py_OptimizeFlag), DATA(_Py_NoneStruct), DATA(_Py_TrueStruct), DATA(_Py_FalseStruct),
    DATA(PyExc_ValueError), DATA(PyExc_TypeError), DATA(PyExc_RuntimeError),
    DATA(PyExc_ZeroDivisionError), DATA(PyImport_FrozenModules), DATA(_PyImport_FrozenBootstrap),
    DATA(_PyImport_FrozenStdlib), DATA(_PyImport_FrozenTest),
};

/* The one handle dlopen gives: any non-null pointer will do, it is never dereferenced. */
static char the_program;
static const char *last_error;

void *dlopen(const char *name, int mode) {
    (void)name;
    (void)mode;
    return &the_program;
}

static void *find(const struct wasm_closures_symbol *table, size_t count, const char *name) {
    for (size_t i = 0; i < count; i++) {
        if (strcmp(table[i].name, name) == 0) {
            return table[i].address;
        }
    }
    return NULL;
}

void *dlsym(void *handle, const char *name) {
    (void)handle;
    void *address = find(program_symbols, sizeof program_symbols / sizeof *program_symbols, name);
    if (address == NULL) {
        address = find(wasm_closures_ctypes_test_symbols, wasm_closures_ctypes_test_symbol_count, name);
    }
    last_error = address == NULL ? "undefined symbol (not in the program's symbol tables)" : NULL;
    return address;
}

int dlclose(void *handle) {
    (void)handle;
    return 0;
}

char *dlerror(void) {
    const char *error = last_error;
    last_error = NULL;
    return (char *)error;
}
