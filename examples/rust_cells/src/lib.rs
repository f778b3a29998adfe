//! `cells.Cell`: a PyO3 class that holds one Python object, with `__traverse__` and
//! `__clear__` so that cycles through it are collected, and two workarounds for PyO3 0.17's
//! own slots (the module init at the end).
//!
//! The defect (feature `defect`, which setup.py turns on when CELLS_DEFECT=1): the class is
//! `unsendable`. PyO3 checks the thread of every access to an unsendable object, the
//! collector's `__traverse__` included, so a collection started on another thread than the
//! one that made the Cell panics inside tp_traverse, and a panic there aborts the process
//! (PyO3 issue 3688).
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::{ffi, PyTraverseError, PyVisit};

#[cfg_attr(feature = "defect", pyclass(unsendable, weakref, subclass))]
#[cfg_attr(not(feature = "defect"), pyclass(weakref, subclass))]
struct Cell {
    value: Option<PyObject>,
}

#[pymethods]
impl Cell {
    #[new]
    #[args(value = "None")]
    fn new(value: Option<PyObject>) -> Self {
        Cell { value }
    }

    #[getter]
    fn value(&self, py: Python<'_>) -> PyObject {
        self.value.as_ref().map_or_else(|| py.None(), |v| v.clone_ref(py))
    }

    // What was there is released after the borrow ends: its finalizer may read this Cell.
    #[setter]
    fn set_value(mut slf: PyRefMut<'_, Self>, value: Option<PyObject>) {
        let old = std::mem::replace(&mut slf.value, value);
        drop(slf);
        drop(old);
    }

    /// Takes the value out and returns it (None when empty).
    fn take(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyObject {
        let old = slf.value.take();
        drop(slf);
        old.unwrap_or_else(|| py.None())
    }

    /// Swaps the values of two cells.
    fn swap(slf: &PyCell<Self>, other: &PyCell<Self>) -> PyResult<()> {
        if slf.is(other) {
            return Ok(());
        }
        let mut mine = slf.try_borrow_mut()?;
        let mut theirs = other.try_borrow_mut()?;
        std::mem::swap(&mut mine.value, &mut theirs.value);
        Ok(())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        match &self.value {
            None => Ok("Cell()".to_string()),
            Some(v) => Ok(format!("Cell(<{}>)", v.as_ref(py).get_type().name()?)),
        }
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Some(v) = &self.value {
            visit.call(v)?;
        }
        Ok(())
    }

    fn __clear__(mut slf: PyRefMut<'_, Self>) {
        let old = slf.value.take();
        drop(slf);
        drop(old);
    }
}

// Workarounds for PyO3 0.17 (Debian's), each found by gcfuzz in seconds on the first
// drafts of this example; the module init below puts them in front of PyO3's own slots.
//
// 1. tp_dealloc does not untrack the object first: it drops the Rust value, then runs the
//    weakref callbacks, with the object still tracked and no references left. A callback
//    (or a finalizer the drop runs) that starts a collection makes the collector traverse
//    the dropped value and treat the dying object as garbage: a use-after-free. Untrack,
//    then PyO3's dealloc.
// 1b. tp_dealloc does not release the reference every instance of a heap type holds on its
//    type (the rule since CPython 3.8, where subtype_dealloc leaves that to a heap base):
//    every Python subclass of Cell that had an instance is never freed, nor anything its
//    class attributes hold. Release it after PyO3's dealloc.
// 2. tp_traverse does not visit the object's type, which an instance of a heap type owns
//    (the rule since CPython 3.9): a Python subclass of Cell whose class attribute holds an
//    instance is a cycle the collector cannot see, and it leaks. Visit the type, then
//    PyO3's traverse.
static PYO3_DEALLOC: AtomicUsize = AtomicUsize::new(0);
static PYO3_TRAVERSE: AtomicUsize = AtomicUsize::new(0);
static VISIT_TYPE: AtomicBool = AtomicBool::new(false);
static RELEASE_TYPE: AtomicBool = AtomicBool::new(false);

unsafe extern "C" fn dealloc_untracked_first(obj: *mut ffi::PyObject) {
    ffi::PyObject_GC_UnTrack(obj.cast());
    let instance_type = ffi::Py_TYPE(obj);
    let pyo3_dealloc: ffi::destructor = std::mem::transmute(PYO3_DEALLOC.load(Ordering::Acquire));
    pyo3_dealloc(obj);
    if RELEASE_TYPE.load(Ordering::Relaxed) {
        ffi::Py_DECREF(instance_type.cast());
    }
}

unsafe extern "C" fn traverse_with_type(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    if VISIT_TYPE.load(Ordering::Relaxed) {
        let visited = visit(ffi::Py_TYPE(obj).cast(), arg);
        if visited != 0 {
            return visited;
        }
    }
    let pyo3_traverse: ffi::traverseproc =
        std::mem::transmute(PYO3_TRAVERSE.load(Ordering::Acquire));
    pyo3_traverse(obj, visit, arg)
}

#[pymodule]
fn cells(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Cell>()?;
    VISIT_TYPE.store(py.version_info() >= (3, 9), Ordering::Relaxed);
    RELEASE_TYPE.store(py.version_info() >= (3, 8), Ordering::Relaxed);
    let cell_type = py.get_type::<Cell>().as_type_ptr();
    unsafe {
        if let Some(dealloc) = (*cell_type).tp_dealloc {
            if dealloc as usize != dealloc_untracked_first as usize {
                PYO3_DEALLOC.store(dealloc as usize, Ordering::Release);
                (*cell_type).tp_dealloc = Some(dealloc_untracked_first);
            }
        }
        if let Some(traverse) = (*cell_type).tp_traverse {
            if traverse as usize != traverse_with_type as usize {
                PYO3_TRAVERSE.store(traverse as usize, Ordering::Release);
                (*cell_type).tp_traverse = Some(traverse_with_type);
            }
        }
    }
    Ok(())
}
