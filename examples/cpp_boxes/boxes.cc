// boxes.Box: a pybind11 class that holds one Python object (`item`, a read-write
// property), with put/take/swap methods.
//
// The sound build gives the class to the collector the way pybind11's documentation says
// (py::custom_type_setup: Py_TPFLAGS_HAVE_GC, a tp_traverse that visits `item` and, from
// 3.9, the type, and a tp_clear), so a reference cycle through a Box is collected, and
// with a dealloc that untracks first (DeallocBox, for pybind11 < 2.11).
//
// The defect (built with BOXES_DEFECT=1): no custom_type_setup. pybind11 classes are then
// not GC types at all: a Box holding a list that holds the Box is a cycle the collector
// cannot see, and it is never freed (pybind11 issue 2761's family: references a binding
// holds that the collector does not know of).
#include <pybind11/pybind11.h>

#include <utility>

namespace py = pybind11;

namespace {

struct Box {
  Box() = default;
  explicit Box(py::object first) : item(std::move(first)) {}
  py::object item = py::none();
};

#ifndef BOXES_DEFECT
// The Box behind `self`, or nullptr while it is not constructed yet. The collector can
// traverse an instance before its C++ constructor ran (pybind11 issue 4869: py::cast would
// throw out of tp_traverse), and even before pybind11 allocated the instance's layout
// (allocate_layout() allocates, and an allocation can start a collection): then neither
// the simple layout's flag nor the status array exists yet.
Box* ConstructedBox(PyObject* self) {
  auto* instance = reinterpret_cast<py::detail::instance*>(self);
  if (!instance->simple_layout && instance->nonsimple.status == nullptr) return nullptr;
  py::detail::value_and_holder holder = instance->get_value_and_holder();
  if (!holder.holder_constructed()) return nullptr;
  return static_cast<Box*>(holder.value_ptr());
}

int TraverseBox(PyObject* self, visitproc visit, void* arg) {
#if PY_VERSION_HEX >= 0x03090000
  Py_VISIT(Py_TYPE(self));
#endif
  if (Box* box = ConstructedBox(self)) Py_VISIT(box->item.ptr());
  return 0;
}

int ClearBox(PyObject* self) {
  if (Box* box = ConstructedBox(self)) {
    // What `item` held is released after the field no longer points at it.
    py::object old = std::exchange(box->item, py::none());
  }
  return 0;
}

// A GC type's dealloc must untrack the object before anything in it can run Python code.
// pybind11 before 2.11 (PR 4461; Debian has 2.10.3) never untracks: a weakref callback that
// clear_instance() runs, and that starts a collection, finds the dying Box still tracked
// with no references, and the collector frees it a second time (gcfuzz found this on the
// first draft of this example, in seconds). Untracking first, then pybind11's own dealloc,
// inside the trashcan: pybind11 has none, and releasing a chain of a hundred thousand
// Boxes would recurse once per link and overflow the stack (found the same way).
void DeallocBox(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_TRASHCAN_BEGIN(self, DeallocBox)
  py::detail::pybind11_object_dealloc(self);
  Py_TRASHCAN_END
}

void TakePartInTheCollector(PyHeapTypeObject* heap_type) {
  PyTypeObject* type = &heap_type->ht_type;
  type->tp_flags |= Py_TPFLAGS_HAVE_GC;
  type->tp_traverse = TraverseBox;
  type->tp_clear = ClearBox;
  type->tp_dealloc = DeallocBox;
}
#endif

}  // namespace

PYBIND11_MODULE(boxes, m) {
  m.doc() = "gcfuzz's pybind11 example: a Box that holds one Python object";
#ifndef BOXES_DEFECT
  py::class_<Box> box(m, "Box", py::custom_type_setup(TakePartInTheCollector));
#else
  py::class_<Box> box(m, "Box");
#endif
  box.def(py::init<>())
      .def(py::init<py::object>(), py::arg("item"))
      .def_readwrite("item", &Box::item)
      .def("put", [](Box& box, py::object item) {
        py::object old = std::exchange(box.item, std::move(item));
      }, py::arg("item"), "Puts `item` in the box, releasing what was there.")
      .def("take", [](Box& box) { return std::exchange(box.item, py::none()); },
           "Empties the box and returns what it held.")
      .def("swap", [](Box& box, Box& other) { std::swap(box.item, other.item); },
           py::arg("other"), "Swaps the contents of two boxes.")
      .def("__repr__", [](const Box& box) {
        return "Box(<" + std::string(py::str(py::type::of(box.item).attr("__name__"))) + ">)";
      });
}
