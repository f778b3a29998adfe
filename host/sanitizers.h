// What the build was instrumented with, as constants the host can branch on.
#pragma once

namespace gcfuzz::host {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GCFUZZ_HAS_ASAN 1
#endif
#endif
#if !defined(GCFUZZ_HAS_ASAN) && defined(__SANITIZE_ADDRESS__)
#define GCFUZZ_HAS_ASAN 1
#endif

#ifdef GCFUZZ_HAS_ASAN
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif

}  // namespace gcfuzz::host
