# gcfuzz adapter for the session example (./gcfuzz fuzz --module session --adapter THIS).
#
# Cython 0.29 (Debian's) has no trashcan for cdef classes (the @cython.trashcan directive
# came with Cython 3), so deallocating a chain of a hundred thousand Sessions recurses once
# per link and overflows the C stack, in the sound build as in the defective one. That is
# true of every Cython 0.29 type that can hold another instance, and not this example's
# defect: programs build chains of at most 256 links.
MAX_CHAIN = 256
