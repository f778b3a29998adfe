# gcfuzz adapter for the cells example (./gcfuzz fuzz --module cells --adapter THIS).
#
# PyO3 has no trashcan: deallocating a chain of a hundred thousand Cells drops each value
# inside the previous one's drop, once per link, and overflows the C stack, in the sound
# build as in the defective one. That is true of every PyO3 class that can hold another
# instance, and not this example's defect: programs build chains of at most 256 links.
MAX_CHAIN = 256
