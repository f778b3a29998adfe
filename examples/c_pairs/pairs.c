/* pairs: a GC type holding two objects, as a user would write it by hand.
 *
 * Built with -DPAIRS_DEFECT (PAIRS_DEFECT=1 in the environment of setup.py), Pair's
 * tp_traverse does not visit `second`: the collector cannot see a reference cycle that
 * runs through `second`, so such a cycle is never collected (a leak), and the object in
 * `second` is missing from gc.get_referents(pair). Nothing else differs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *first;
    PyObject *second;
    PyObject *weakreflist;
} Pair;

static PyObject *
Pair_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Pair *self = (Pair *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    Py_INCREF(Py_None);
    self->first = Py_None;
    Py_INCREF(Py_None);
    self->second = Py_None;
    return (PyObject *)self;
}

static int
Pair_init(Pair *self, PyObject *args, PyObject *kwds)
{
    static char *keywords[] = {"first", "second", NULL};
    PyObject *first = NULL, *second = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:Pair", keywords, &first, &second)) {
        return -1;
    }
    if (first != NULL) {
        Py_INCREF(first);
        Py_SETREF(self->first, first);
    }
    if (second != NULL) {
        Py_INCREF(second);
        Py_SETREF(self->second, second);
    }
    return 0;
}

static int
Pair_traverse(Pair *self, visitproc visit, void *arg)
{
    Py_VISIT(self->first);
#ifndef PAIRS_DEFECT
    Py_VISIT(self->second);
#endif
    return 0;
}

static int
Pair_clear(Pair *self)
{
    Py_CLEAR(self->first);
    Py_CLEAR(self->second);
    return 0;
}

static void
Pair_dealloc(Pair *self)
{
    PyObject_GC_UnTrack(self);
    /* The trashcan defers the deallocation of a deep chain (p.first = Pair(), a hundred
     * thousand deep) instead of recursing once per link: without it, module mode's deep
     * chains overflow the C stack here (gcfuzz found that in this example's first draft). */
    Py_TRASHCAN_BEGIN(self, Pair_dealloc)
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs((PyObject *)self);
    }
    Pair_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
    Py_TRASHCAN_END
}

static PyObject *
Pair_swap(Pair *self, PyObject *unused)
{
    PyObject *first = self->first;
    self->first = self->second;
    self->second = first;
    Py_RETURN_NONE;
}

static PyMethodDef Pair_methods[] = {
    {"swap", (PyCFunction)Pair_swap, METH_NOARGS, "Exchange first and second."},
    {NULL},
};

/* T_OBJECT: reads None for NULL, and `del pair.first` stores NULL. */
static PyMemberDef Pair_members[] = {
    {"first", T_OBJECT, offsetof(Pair, first), 0, "The first object."},
    {"second", T_OBJECT, offsetof(Pair, second), 0, "The second object."},
    {NULL},
};

static PyTypeObject PairType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "pairs.Pair",
    .tp_doc = "Pair(first=None, second=None): two objects.",
    .tp_basicsize = sizeof(Pair),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_new = Pair_new,
    .tp_init = (initproc)Pair_init,
    .tp_dealloc = (destructor)Pair_dealloc,
    .tp_traverse = (traverseproc)Pair_traverse,
    .tp_clear = (inquiry)Pair_clear,
    .tp_weaklistoffset = offsetof(Pair, weakreflist),
    .tp_methods = Pair_methods,
    .tp_members = Pair_members,
};

static struct PyModuleDef pairs_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pairs",
    .m_doc = "A GC type holding two objects (gcfuzz's hand-written C example).",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit_pairs(void)
{
    if (PyType_Ready(&PairType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&pairs_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&PairType);
    if (PyModule_AddObject(module, "Pair", (PyObject *)&PairType) < 0) {
        Py_DECREF(&PairType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
