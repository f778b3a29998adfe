#include "bench/bench_node.h"

#include <structmember.h>  // PyMemberDef, T_OBJECT_EX (in Python.h only from 3.12)

#include <cstddef>

namespace gcfuzz::bench {
namespace {

struct NodeObject {
  PyObject_HEAD
  PyObject* slot[kNodeSlots];
};

int NodeTraverse(PyObject* self, visitproc visit, void* arg) {
#if PY_VERSION_HEX >= 0x03090000
  // Instances of heap types own a reference to their type; 3.9+ expects it visited.
  Py_VISIT(Py_TYPE(self));
#endif
  auto* node = reinterpret_cast<NodeObject*>(self);
  for (PyObject* child : node->slot) Py_VISIT(child);
  return 0;
}

int NodeClear(PyObject* self) {
  auto* node = reinterpret_cast<NodeObject*>(self);
  for (PyObject*& child : node->slot) Py_CLEAR(child);
  return 0;
}

void NodeDealloc(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  // A chain of a million nodes freed by refcounting would otherwise recurse a million
  // frames deep; the trashcan turns that recursion into a loop.
  Py_TRASHCAN_BEGIN(self, NodeDealloc)
  NodeClear(self);
  type->tp_free(self);
  Py_DECREF(type);
  Py_TRASHCAN_END
}

#define GCFUZZ_NODE_SLOT(i)                                                              \
  {const_cast<char*>("s" #i), T_OBJECT_EX,                                               \
   static_cast<Py_ssize_t>(offsetof(NodeObject, slot) + (i) * sizeof(PyObject*)), 0,     \
   nullptr}
PyMemberDef g_node_members[] = {GCFUZZ_NODE_SLOT(0), GCFUZZ_NODE_SLOT(1),
                                GCFUZZ_NODE_SLOT(2), GCFUZZ_NODE_SLOT(3), {}};
#undef GCFUZZ_NODE_SLOT
static_assert(sizeof(g_node_members) / sizeof(g_node_members[0]) == kNodeSlots + 1);

PyType_Slot g_node_slots[] = {
    {Py_tp_doc, const_cast<char*>("A GC container with object slots s0..s3 and an exact "
                                  "tp_traverse: the benchmark's C extension kind.")},
    {Py_tp_traverse, reinterpret_cast<void*>(NodeTraverse)},
    {Py_tp_clear, reinterpret_cast<void*>(NodeClear)},
    {Py_tp_dealloc, reinterpret_cast<void*>(NodeDealloc)},
    {Py_tp_members, g_node_members},
    {0, nullptr}};

PyType_Spec g_node_spec = {"_gcfuzz_bench.Node", sizeof(NodeObject), 0,
                           Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, g_node_slots};

PyModuleDef g_module = {PyModuleDef_HEAD_INIT, "_gcfuzz_bench",
                        "The GC pause benchmarks' own extension types.", -1};

}  // namespace

PyObject* InitBenchNodeModule() {
  PyObject* module = PyModule_Create(&g_module);
  PyObject* type = module ? PyType_FromSpec(&g_node_spec) : nullptr;
  if (type == nullptr || PyModule_AddObject(module, "Node", type) != 0) goto error;
  return module;
error:
  Py_XDECREF(type);
  Py_XDECREF(module);
  return nullptr;
}

}  // namespace gcfuzz::bench
