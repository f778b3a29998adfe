// The op builder's lifecycle part (Limits::lifecycle_ops, lifecycle_fuzzer only): restarts
// and subinterpreter events, the interpreter of each graph operation, and picking nodes
// alive in that interpreter. Nothing here runs for graph_fuzzer's programs, whose decoding
// therefore takes the same choices as before lifecycle operations existed.
#include <algorithm>

#include "generators/op_builder.h"

namespace gcfuzz::gen {

namespace {

// Interpreter slots the builder uses: the main one and one subinterpreter. More would
// cost executions (each start is a new interpreter) and find nothing one does not.
constexpr int kSlots = 2;

}  // namespace

void OpBuilder::ApplyLifecycle(const Op& op) {
  const auto* lifecycle = std::get_if<Lifecycle>(&op.body);
  if (lifecycle == nullptr) {
    op_session_ = op.interpreter < kSlots ? running_[op.interpreter] : -1;
    return;
  }
  const int slot = std::min<int>(op.interpreter, kSlots - 1);
  switch (lifecycle->event) {
    case LifecycleEvent::kRestart:
      for (int& session : running_) session = -1;
      running_[0] = sessions_++;
      break;
    case LifecycleEvent::kStartInterpreter:
      if (slot >= 1 && running_[slot] < 0) running_[slot] = sessions_++;
      break;
    case LifecycleEvent::kEndInterpreter:
      if (slot >= 1) running_[slot] = -1;
      break;
  }
}

void OpBuilder::ObserveLifecycle(const Op& op) { ApplyLifecycle(op); }

bool OpBuilder::GenerateLifecycle(ChoiceSource& source, Op& op) {
  const bool sub_possible = std::min(limits_.max_interpreters, kSlots) > 1;
  const bool sub_running = sub_possible && running_[1] >= 0;
  // One operation in sixteen is an event, a third of them restarts: about one restart per
  // program of the default 32 operations. A restart costs ~25 ms under ASan and leaves
  // ~0.5 MB allocated (the lifecycle figures), so more would cost speed and memory for
  // little: what a restart exposes needs one, with graphs built on both sides of it.
  // The rare outcomes are the high values: an exhausted source answers 0 to everything,
  // and the tail of every decoded program must not be a restart.
  if (source.Choose(16) == 15) {
    Lifecycle lifecycle;
    if (!sub_possible || source.Choose(3) == 2) {
      lifecycle.event = LifecycleEvent::kRestart;
      op.interpreter = 0;
    } else {
      lifecycle.event = sub_running ? LifecycleEvent::kEndInterpreter : LifecycleEvent::kStartInterpreter;
      op.interpreter = 1;
    }
    op.body = lifecycle;
    ApplyLifecycle(op);
    return true;
  }
  // A graph operation: in the subinterpreter half of the time while it runs.
  op.interpreter = sub_running && source.Choose(2) != 0 ? 1 : 0;
  op_session_ = running_[op.interpreter];
  return false;
}

NodeId OpBuilder::PickLive(const std::optional<std::vector<NodeId>>& candidates,
                           ChoiceSource& source) const {
  std::vector<NodeId> live;
  const int total = candidates ? static_cast<int>(candidates->size()) : node_count();
  for (int i = 0; i < total; ++i) {
    const NodeId node = candidates ? (*candidates)[i] : static_cast<NodeId>(i);
    if (node_session_[node] == op_session_ && op_session_ >= 0) live.push_back(node);
  }
  if (!live.empty()) return live[source.Choose(live.size())];
  // Nothing alive here: a dead node, which the executor turns into a no-op.
  return candidates ? (*candidates)[source.Choose(total)] : static_cast<NodeId>(source.Choose(total));
}

}  // namespace gcfuzz::gen
