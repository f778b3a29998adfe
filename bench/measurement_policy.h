// When a pause reading counts: the rules every pause case follows, in one place
// (bench/README.md, "Noise"). Plain C++, so the fuzz preset's test suite checks them too.
#pragma once

namespace gcfuzz::bench {

// Readings taken and thrown away when a case starts (or follows another case): the first
// collections of a case pay for pymalloc arenas being mapped again, caches holding the
// previous case's graph, and, for an alive graph, the collector re-linking its list.
inline constexpr int kWarmUpReadings = 3;

// A reading during which the thread was off the CPU (wall time minus the thread's CPU
// time) for more than this share of it timed another process's slice or the hypervisor's
// steal as well as the collector: it is measured again.
inline constexpr double kOffCpuTolerance = 0.01;
// Below this the difference is clock granularity, not a context switch.
inline constexpr double kOffCpuFloorSeconds = 2e-6;

// How often a disturbed reading is measured again before it is kept as it is (and counted
// as preempted): enough that a machine running two other jobs rarely exhausts them.
inline constexpr int kAttempts = 10;
// Long collections are not measured again: a time slice is then a small share, each new
// attempt costs a graph build of a million objects, and preemption is all but certain.
inline constexpr double kRetryBelowSeconds = 0.05;

// How long the thread was off the CPU during a reading; never negative (the CPU clock is
// read outside the wall clock readings, so an undisturbed reading comes out slightly below
// zero).
double OffCpuSeconds(double wall_seconds, double cpu_seconds);

// True when the reading holds more than the collector's own work (see kOffCpuTolerance).
bool Disturbed(double wall_seconds, double cpu_seconds);

// What a case may spend on measuring again, per repetition: on a machine so busy that
// most readings are disturbed, more attempts only lengthen the run (3.10's quick run took
// 355 s at load 8 with ten attempts a reading). The readings are then kept, counted as
// preempted, and the table says the run was not quiet. A quiet run uses a few per case.
inline constexpr int kRetriesPerRepetition = 2;

// True when a reading that took wall_seconds, on attempt number `attempt` (from 1), is to be
// thrown away and measured again, when its case has re-measured case_retries readings so
// far out of a budget of kRetriesPerRepetition * repetitions.
bool MeasureAgain(bool disturbed, double wall_seconds, int attempt, int case_retries,
                  int repetitions);

}  // namespace gcfuzz::bench
