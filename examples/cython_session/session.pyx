# cython: language_level=3
"""session: Cython wrappers of the pool library (pool.h), as a user would write them.

A Session keeps its Context alive through a Python reference, and closes its C session in
__dealloc__. Cython gives Session a tp_clear that sets `context` to None; when the
collector frees a cycle through a Session, that tp_clear runs before __dealloc__.

Built with -DSESSION_DEFECT (SESSION_DEFECT=1 in the environment of setup.py), __dealloc__
reaches the pool through `self.context`, which is None by then: it reads a pool pointer out
of None and crashes. The sound build closes the session through the pool reference the
Session took for itself, which tp_clear does not touch. Nothing else differs.
"""

cdef extern from "pool.h":
    ctypedef struct pool_t:
        pass
    ctypedef struct pool_session_t:
        pass
    pool_t *pool_create()
    pool_t *pool_retain(pool_t *pool)
    void pool_release(pool_t *pool)
    int pool_open_sessions(const pool_t *pool)
    pool_session_t *pool_open_session(pool_t *pool)
    void pool_close_session(pool_t *pool, pool_session_t *session)

cdef extern from *:
    """
    #ifdef SESSION_DEFECT
    #define SESSION_DEALLOC_THROUGH_CONTEXT 1
    #else
    #define SESSION_DEALLOC_THROUGH_CONTEXT 0
    #endif
    """
    const bint SESSION_DEALLOC_THROUGH_CONTEXT


cdef class Context:
    """Context(): a pool of sessions."""
    cdef pool_t *pool

    def __cinit__(self):
        self.pool = pool_create()
        if self.pool is NULL:
            raise MemoryError()

    def __dealloc__(self):
        if self.pool is not NULL:
            pool_release(self.pool)

    @property
    def open_sessions(self):
        return pool_open_sessions(self.pool)

    def session(self):
        return Session(self)


cdef class Session:
    """Session(context=None): a session of `context`, or of a Context of its own."""
    cdef readonly Context context
    # Not `cdef public object user_data`: Cython 0.29's generated setter releases the old
    # value before it stores the new one, so a __del__ or weakref callback run by that
    # release reads a freed object through the attribute (a double free). gcfuzz found it
    # in this example's first draft (docs/measurements.md); Cython fixed it in 2026
    # (cython/cython#7907, "decref-after-update"). The property keeps the old value alive
    # in a local until the field holds the new one.
    cdef object _user_data

    property user_data:
        def __get__(self):
            return self._user_data

        def __set__(self, value):
            old = self._user_data
            self._user_data = value
            del old
    cdef pool_t *pool
    cdef pool_session_t *handle

    def __cinit__(self, Context context=None):
        if context is None:
            context = Context()
        self.context = context
        self.pool = pool_retain(context.pool)
        self.handle = pool_open_session(self.pool)
        if self.handle is NULL:
            raise MemoryError()

    def __dealloc__(self):
        if self.handle is not NULL:
            if SESSION_DEALLOC_THROUGH_CONTEXT:
                # The defect: after tp_clear, self.context is None.
                pool_close_session(self.context.pool, self.handle)
            else:
                pool_close_session(self.pool, self.handle)
        if self.pool is not NULL:
            pool_release(self.pool)
