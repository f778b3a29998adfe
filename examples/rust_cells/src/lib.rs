//! `cells.Cell`: a PyO3 class that holds one Python object, with `__traverse__` and
//! `__clear__` so that cycles through it are collected.
//!
//! The defect (feature `defect`, which setup.py turns on when CELLS_DEFECT=1): the class is
//! `unsendable`. PyO3 checks the thread of every access to an unsendable object, the
//! collector's `__traverse__` included, so a collection started on another thread than the
//! one that made the Cell panics inside tp_traverse, and a panic there aborts the process
//! (PyO3 issue 3688).
use pyo3::prelude::*;
use pyo3::{PyTraverseError, PyVisit};

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

#[pymodule]
fn cells(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Cell>()?;
    Ok(())
}
