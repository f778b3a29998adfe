// Where the op builder takes its decisions from: the fuzzer's bytes (decoding) or a seeded
// random generator (the mutator's "insert an operation"). One builder, two sources, so a
// mutation inserts exactly the operations the decoder could have produced.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>

#include "generators/rng.h"

namespace gcfuzz::gen {

class ChoiceSource {
 public:
  virtual ~ChoiceSource() = default;
  // A structural decision in [0, n) (n >= 1): which operation, which node, which kind.
  virtual uint32_t Choose(uint32_t n) = 0;
  // A value in [0, n) (n >= 1): slot numbers, keys, thresholds.
  virtual uint32_t Payload(uint32_t n) = 0;
  virtual bool Exhausted() const = 0;
};

// FuzzedDataProvider's contract: structural choices from the end of the buffer, payload from
// the front, total and deterministic (an exhausted buffer yields 0s).
class BytesChoiceSource final : public ChoiceSource {
 public:
  BytesChoiceSource(const uint8_t* data, size_t size) : provider_(data, size) {}

  uint32_t Choose(uint32_t n) override {
    return n <= 1 ? 0 : provider_.ConsumeIntegralInRange<uint32_t>(0, n - 1);
  }

  uint32_t Payload(uint32_t n) override {
    if (n <= 1) return 0;
    uint32_t value = 0;
    // As many bytes as the range needs, taken from the front.
    for (uint32_t range = n - 1; range != 0; range >>= 8) {
      uint8_t byte = 0;
      if (provider_.ConsumeData(&byte, 1) == 0) break;
      value = (value << 8) | byte;
    }
    return value % n;
  }

  bool Exhausted() const override {
    return provider_.remaining_bytes() == 0;
  }

 private:
  // remaining_bytes() is not const in FuzzedDataProvider.
  mutable FuzzedDataProvider provider_;
};

class RngChoiceSource final : public ChoiceSource {
 public:
  explicit RngChoiceSource(Rng& rng) : rng_(rng) {}

  uint32_t Choose(uint32_t n) override { return rng_.Below(n); }
  uint32_t Payload(uint32_t n) override { return rng_.Below(n); }
  bool Exhausted() const override { return false; }

 private:
  Rng& rng_;
};

}  // namespace gcfuzz::gen
