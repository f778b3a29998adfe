#include "executor/fixture_adapter.h"

#include <cstring>
#include <string>
#include <vector>

#include "executor/operation_context.h"
#include "host/python_error.h"
#include "report/setup_failure.h"

namespace gcfuzz::exec {
namespace {

[[noreturn]] void Die(const std::string& what) {
  throw report::SetupError("the fixture module is not usable by the executor: " + what,
                           host::TakePythonError());
}

// The strings of a module attribute that must be a tuple of names (METHODS, RELEASING).
std::vector<std::string> Names(PyObject* tuple, const std::string& attribute) {
  if (!PyTuple_Check(tuple)) Die(attribute + " is not a tuple of names");
  std::vector<std::string> names;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); ++i) {
    const char* name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(tuple, i));
    if (name == nullptr) Die(attribute + "[" + std::to_string(i) + "] is not a string");
    names.emplace_back(name);
  }
  return names;
}

// A count attribute of a type or an item of a tuple; -1 when it is not an int in 0..255.
long Count(PyObject* value) {
  if (value == nullptr) return -1;
  const long count = PyLong_AsLong(value);
  if (count == -1 && PyErr_Occurred()) PyErr_Clear();
  return count >= 0 && count <= 255 ? count : -1;
}

// The catalog's shape: SLOTS, ARGS (optional) and CALLS (optional) on the type.
void ReadTypeFacts(PyObject* type, gen::FixtureKind* kind) {
  const std::string name = reinterpret_cast<PyTypeObject*>(type)->tp_name;
  PyObject* slots = PyObject_GetAttrString(type, "SLOTS");
  const long slot_count = Count(slots);
  Py_XDECREF(slots);
  if (slot_count < 0) Die(name + ".SLOTS is not a count");
  kind->slots = static_cast<int>(slot_count);
  // ARGS (optional): how many nodes the constructor takes positionally.
  if (PyObject* args = PyObject_GetAttrString(type, "ARGS")) {
    const long count = Count(args);
    Py_DECREF(args);
    if (count < 0) Die(name + ".ARGS is not a count");
    kind->constructor_args = static_cast<int>(count);
  } else {
    PyErr_Clear();
  }
  // CALLS (optional): the constructor calls its first argument.
  if (PyObject* calls = PyObject_GetAttrString(type, "CALLS")) {
    const int truth = PyObject_IsTrue(calls);
    Py_DECREF(calls);
    if (truth < 0) Die(name + ".CALLS has no truth value");
    kind->calls_argument = truth == 1;
  } else {
    PyErr_Clear();
  }
}

// The shim's shape: KIND_NAMES, KIND_SLOTS, KIND_ARGS, KIND_SUBCLASSABLE, parallel to KINDS.
class ModuleFacts {
 public:
  ModuleFacts(PyObject* module, Py_ssize_t kinds, bool wanted) {
    if (!wanted) return;
    const char* names[] = {"KIND_NAMES", "KIND_SLOTS", "KIND_ARGS", "KIND_SUBCLASSABLE"};
    for (int i = 0; i < 4; ++i) {
      tuples_[i] = PyObject_GetAttrString(module, names[i]);
      if (tuples_[i] == nullptr || !PyTuple_Check(tuples_[i]) ||
          PyTuple_GET_SIZE(tuples_[i]) != kinds) {
        Die(std::string(names[i]) + " is not a tuple as long as KINDS");
      }
    }
  }
  ~ModuleFacts() {
    for (PyObject*& tuple : tuples_) Py_CLEAR(tuple);
  }
  ModuleFacts(const ModuleFacts&) = delete;
  ModuleFacts& operator=(const ModuleFacts&) = delete;

  bool present() const { return tuples_[0] != nullptr; }

  void Read(Py_ssize_t i, gen::FixtureKind* kind) const {
    const char* name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(tuples_[0], i));
    if (name == nullptr) Die("KIND_NAMES[" + std::to_string(i) + "] is not a string");
    kind->name = name;
    const long slots = Count(PyTuple_GET_ITEM(tuples_[1], i));
    const long args = Count(PyTuple_GET_ITEM(tuples_[2], i));
    if (slots < 0 || args < 0) Die(kind->name + ": KIND_SLOTS or KIND_ARGS is not a count");
    kind->slots = static_cast<int>(slots);
    kind->constructor_args = static_cast<int>(args);
    const int subclassable = PyObject_IsTrue(PyTuple_GET_ITEM(tuples_[3], i));
    if (subclassable < 0) Die(kind->name + ": KIND_SUBCLASSABLE has no truth value");
    kind->subclassable = kind->subclassable && subclassable == 1;
  }

 private:
  PyObject* tuples_[4] = {nullptr, nullptr, nullptr, nullptr};
};

bool CallAndDiscard(PyObject* result) {
  if (result == nullptr) {
    PyErr_Clear();
    return false;
  }
  Py_DECREF(result);
  return true;
}

// 0 for METH_NOARGS, 1 for METH_O, -1 when no kind has it as a C method with either flag.
int8_t MethodArguments(const std::vector<PyObject*>& types, PyObject* name) {
  for (PyObject* type : types) {
    PyObject* descriptor = PyObject_GetAttr(type, name);
    if (descriptor == nullptr) {
      PyErr_Clear();
      continue;
    }
    int8_t arguments = -1;
    if (PyObject_TypeCheck(descriptor, &PyMethodDescr_Type)) {
      const int flags = reinterpret_cast<PyMethodDescrObject*>(descriptor)->d_method->ml_flags;
      if (flags & METH_NOARGS) arguments = 0;
      if (flags & METH_O) arguments = 1;
    }
    Py_DECREF(descriptor);
    if (arguments >= 0) return arguments;
  }
  return -1;
}

}  // namespace

FixtureAdapter::FixtureAdapter(PyObject* module)
    : set_slot_(PyUnicode_InternFromString("set_slot")),
      clear_slot_(PyUnicode_InternFromString("clear_slot")),
      touch_(PyUnicode_InternFromString("touch")) {
  // KINDS: the fixture types in catalog order; METHODS: the method names programs call.
  PyObject* kinds = PyObject_GetAttrString(module, "KINDS");
  if (kinds == nullptr || !PyTuple_Check(kinds)) Die("KINDS is not a tuple of types");
  ReadModuleFunctions(module);
  const Py_ssize_t kind_count = PyTuple_GET_SIZE(kinds);
  // The shim's shape: the facts as tuples parallel to KINDS (nullptr: the catalog's shape).
  const ModuleFacts facts(module, kind_count, module_make_ != nullptr);
  for (Py_ssize_t i = 0; i < kind_count; ++i) {
    PyObject* type = PyTuple_GET_ITEM(kinds, i);
    if (!PyType_Check(type)) Die("KINDS[" + std::to_string(i) + "] is not a type");
    auto* as_type = reinterpret_cast<PyTypeObject*>(type);
    gen::FixtureKind kind;
    kind.name = as_type->tp_name;
    if (const char* dot = std::strrchr(as_type->tp_name, '.')) kind.name = dot + 1;
    kind.weakrefable = as_type->tp_weaklistoffset != 0;
    kind.subclassable = (as_type->tp_flags & Py_TPFLAGS_BASETYPE) != 0;
    kind.has_dict = as_type->tp_dictoffset != 0;
    if (facts.present()) {
      facts.Read(i, &kind);
    } else {
      ReadTypeFacts(type, &kind);
    }
    catalog_.kinds.push_back(std::move(kind));
    Py_INCREF(type);
    types_.push_back(type);
  }
  Py_DECREF(kinds);
  if (types_.empty()) Die("KINDS is empty");

  PyObject* methods = PyObject_GetAttrString(module, "METHODS");
  if (methods == nullptr) Die("METHODS is not a tuple of names");
  catalog_.method_names = Names(methods, "METHODS");
  Py_DECREF(methods);
  for (const std::string& name : catalog_.method_names) {
    method_names_.push_back(PyUnicode_InternFromString(name.c_str()));
  }
  // Which of them each kind has, so programs call methods their receivers have.
  for (size_t kind = 0; kind < types_.size(); ++kind) {
    for (size_t method = 0; method < method_names_.size() && method < 256; ++method) {
      if (PyObject_HasAttr(types_[kind], method_names_[method])) {
        catalog_.kinds[kind].methods.push_back(static_cast<uint8_t>(method));
      }
    }
  }
  // RELEASING (optional): the names among METHODS that let go of what the receiver holds.
  if (PyObject* releasing = PyObject_GetAttrString(module, "RELEASING")) {
    for (const std::string& name : Names(releasing, "RELEASING")) {
      const std::optional<int> method = catalog_.FindMethod(name);
      if (!method) Die("RELEASING names " + name + ", which is not in METHODS");
      catalog_.releasing_methods.push_back(static_cast<uint8_t>(*method));
    }
    Py_DECREF(releasing);
  } else {
    PyErr_Clear();
  }
  // How many arguments each takes: what the shim found by trying (METHOD_ARGUMENTS), or
  // where a descriptor says (a C method of a kind).
  PyObject* arguments = module_make_ ? PyObject_GetAttrString(module, "METHOD_ARGUMENTS") : nullptr;
  if (module_make_ != nullptr &&
      (arguments == nullptr || !PyTuple_Check(arguments) ||
       PyTuple_GET_SIZE(arguments) != static_cast<Py_ssize_t>(method_names_.size()))) {
    Die("METHOD_ARGUMENTS is not a tuple as long as METHODS");
  }
  for (size_t method = 0; method < method_names_.size() && method < 256; ++method) {
    if (arguments != nullptr) {
      const long count = PyLong_AsLong(PyTuple_GET_ITEM(arguments, method));
      if (count == -1 && PyErr_Occurred()) PyErr_Clear();
      catalog_.method_arguments.push_back(static_cast<int8_t>(count == 0 || count == 1 ? count : -1));
    } else {
      catalog_.method_arguments.push_back(MethodArguments(types_, method_names_[method]));
    }
  }
  Py_XDECREF(arguments);

  // MAX_CHAIN_LENGTH (optional): the longest chain programs build (KindCatalog).
  if (PyObject* longest = PyObject_GetAttrString(module, "MAX_CHAIN_LENGTH")) {
    const long length = PyLong_AsLong(longest);
    Py_DECREF(longest);
    if (length < 0 || (length == -1 && PyErr_Occurred())) Die("MAX_CHAIN_LENGTH is not a count");
    catalog_.max_chain_length = static_cast<int>(length);
  } else {
    PyErr_Clear();
  }

  // fail_allocation(n): optional; a module without it gets no injected failures.
  if (PyObject_HasAttrString(module, "fail_allocation")) {
    fail_allocation_ = PyObject_GetAttrString(module, "fail_allocation");
    if (fail_allocation_ == nullptr || !PyCallable_Check(fail_allocation_)) {
      Die("fail_allocation is not callable");
    }
  }

  // resurrected(): optional; a module whose finalizers resurrect keeps them there.
  if (PyObject_HasAttrString(module, "resurrected")) {
    resurrected_ = PyObject_CallMethod(module, "resurrected", nullptr);
    if (resurrected_ == nullptr || !PyList_Check(resurrected_)) {
      Die("resurrected() does not return the module's list");
    }
  }
}

FixtureAdapter::~FixtureAdapter() {
  ForgetCatalog(catalog_);
  for (PyObject*& type : types_) Py_CLEAR(type);
  for (PyObject*& name : method_names_) Py_CLEAR(name);
  Py_CLEAR(resurrected_);
  Py_CLEAR(fail_allocation_);
  Py_CLEAR(set_slot_);
  Py_CLEAR(clear_slot_);
  Py_CLEAR(touch_);
  Py_CLEAR(module_set_slot_);
  Py_CLEAR(module_clear_slot_);
  Py_CLEAR(module_touch_);
  Py_CLEAR(module_make_);
}

void FixtureAdapter::ReadModuleFunctions(PyObject* module) {
  if (!PyObject_HasAttrString(module, "make")) return;
  PyObject** functions[] = {&module_make_, &module_set_slot_, &module_clear_slot_, &module_touch_};
  const char* names[] = {"make", "set_slot", "clear_slot", "touch"};
  for (int i = 0; i < 4; ++i) {
    *functions[i] = PyObject_GetAttrString(module, names[i]);
    if (*functions[i] == nullptr || !PyCallable_Check(*functions[i])) {
      Die(std::string("a module with make() needs a callable ") + names[i] + "()");
    }
  }
}

PyObject* FixtureAdapter::Construct(PyObject* cls, int kind, PyObject* args) const {
  if (module_make_ == nullptr) {
    return args ? PyObject_Call(cls, args, nullptr) : PyObject_CallObject(cls, nullptr);
  }
  PyObject* number = PyLong_FromLong(kind);
  PyObject* empty = args ? nullptr : PyTuple_New(0);
  PyObject* result = number && (args || empty)
                         ? PyObject_CallFunctionObjArgs(module_make_, cls, number,
                                                        args ? args : empty, nullptr)
                         : nullptr;
  Py_XDECREF(number);
  Py_XDECREF(empty);
  return result;
}

bool FixtureAdapter::IsFixture(PyObject* object) const {
  for (PyObject* type : types_) {
    if (PyObject_TypeCheck(object, reinterpret_cast<PyTypeObject*>(type))) return true;
  }
  return false;
}

bool FixtureAdapter::SetSlot(PyObject* fixture, int index, PyObject* value) const {
  if (!IsFixture(fixture)) return false;
  PyObject* number = PyLong_FromLong(index);  // small ints are cached: no allocation
  bool done = CallAndDiscard(
      module_set_slot_
          ? PyObject_CallFunctionObjArgs(module_set_slot_, fixture, number, value, nullptr)
          : PyObject_CallMethodObjArgs(fixture, set_slot_, number, value, nullptr));
  Py_DECREF(number);
  return done;
}

bool FixtureAdapter::ClearSlot(PyObject* fixture, int index) const {
  if (!IsFixture(fixture)) return false;
  PyObject* number = PyLong_FromLong(index);
  bool done = CallAndDiscard(
      module_clear_slot_ ? PyObject_CallFunctionObjArgs(module_clear_slot_, fixture, number, nullptr)
                         : PyObject_CallMethodObjArgs(fixture, clear_slot_, number, nullptr));
  Py_DECREF(number);
  return done;
}

bool FixtureAdapter::FailAllocation(int nth) const {
  if (fail_allocation_ == nullptr) return false;
  PyObject* number = PyLong_FromLong(nth);
  if (number == nullptr) {
    PyErr_Clear();
    return false;
  }
  const bool done = CallAndDiscard(PyObject_CallFunctionObjArgs(fail_allocation_, number, nullptr));
  Py_DECREF(number);
  return done;
}

bool FixtureAdapter::Touch(PyObject* fixture) const {
  return CallAndDiscard(module_touch_
                            ? PyObject_CallFunctionObjArgs(module_touch_, fixture, nullptr)
                            : PyObject_CallMethodObjArgs(fixture, touch_, nullptr));
}

}  // namespace gcfuzz::exec
