#include "bench/suite_plan.h"

#include <algorithm>
#include <set>

namespace gcfuzz::bench {
namespace {

const std::vector<std::string> kKinds = {"cnode", "slots", "dict", "weakref", "finalizer"};
// The sweep's kinds: an extension type and the nearest Python class.
const std::vector<std::string> kSweepKinds = {"cnode", "slots"};
const std::vector<std::string> kGraphShapes = {"ordered", "shuffled", "random", "cycle2",
                                               "ring21", "tree"};

// Repetitions buy a stable median and a CV worth quoting (the CV's own relative error is
// about 1 / sqrt(2 (n - 1)): 16 % of its value at 20 repetitions, 11 % at 40). Their cost
// is a graph build per repetition unless the graph is alive and collected fully (then it is
// built once and collected repeatedly). N = 1e5 is the headline size, so it gets as many
// as 1e4: a build there takes tens of milliseconds.
int Repetitions(const GraphSpec& graph, int generation, bool quick) {
  bool rebuilt = !graph.alive || generation != kOldestGeneration;
  int reps;
  if (graph.size <= 100'000) {
    reps = rebuilt ? 31 : 61;
  } else if (graph.size <= 1'000'000) {
    reps = rebuilt ? 7 : 11;
  } else {
    reps = 3;
  }
  return quick ? std::max(3, reps * 2 / 3) : reps;
}

class Planner {
 public:
  explicit Planner(bool quick) : quick_(quick) {}

  void Add(int generation, const std::string& shape, const std::string& kind, bool alive,
           long size, int repetitions = 0) {
    PauseCase c;
    c.generation = generation;
    c.graph = {shape, kind, size, alive};
    c.name = std::string(generation == kYoungGeneration ? "young" : "full") + "/" + shape +
             "/" + kind + "/" + (alive ? "alive" : "garbage") + "/" + std::to_string(size);
    c.repetitions = repetitions ? repetitions : Repetitions(c.graph, generation, quick_);
    if (names_.insert(c.name).second) cases_.push_back(std::move(c));
  }

  // Both states, except that acyclic shapes have no garbage form.
  void AddStates(int generation, const std::string& shape, const std::string& kind,
                 long size) {
    Add(generation, shape, kind, true, size);
    if (shape != "tree") Add(generation, shape, kind, false, size);
  }

  std::vector<PauseCase> Take() { return std::move(cases_); }

 private:
  bool quick_;
  std::set<std::string> names_;
  std::vector<PauseCase> cases_;
};

}  // namespace

std::vector<PauseCase> PausePlan(bool quick) {
  Planner plan(quick);
  for (int generation : {kOldestGeneration, kYoungGeneration}) {
    plan.Add(generation, "empty", "none", true, 0, 101);
  }
  // pyperformance's two GC benchmarks, for the cross-check with pyperf_crosscheck.py.
  plan.Add(kOldestGeneration, "pyperf_gc_collect", "plain", false, 2100, 101);
  plan.Add(kOldestGeneration, "pyperf_gc_traversal", "list", true, 1001, 101);

  std::vector<long> sizes = {1'000, 10'000, 100'000, 1'000'000};
  if (!quick) sizes.push_back(10'000'000);
  std::vector<std::string> sweep_shapes = {"ordered", "shuffled"};
  if (!quick) sweep_shapes.push_back("random");
  for (long size : sizes) {
    for (const std::string& shape : sweep_shapes) {
      for (const std::string& kind : kSweepKinds) {
        plan.AddStates(kOldestGeneration, shape, kind, size);
        if (!quick && size <= 1'000'000) plan.AddStates(kYoungGeneration, shape, kind, size);
      }
    }
  }

  std::vector<long> matrix_sizes = quick ? std::vector<long>{10'000}
                                         : std::vector<long>{1'000, 10'000, 100'000};
  for (long size : matrix_sizes) {
    for (int generation : {kOldestGeneration, kYoungGeneration}) {
      for (const std::string& shape : kGraphShapes) {
        for (const std::string& kind : kKinds) plan.AddStates(generation, shape, kind, size);
      }
      plan.AddStates(generation, "wide", "list", size);
    }
  }
  return plan.Take();
}

}  // namespace gcfuzz::bench
