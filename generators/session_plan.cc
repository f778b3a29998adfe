#include "generators/session_plan.h"

#include <variant>

#include "generators/op_references.h"

namespace gcfuzz::gen {

SessionPlan PlanSessions(const Program& program, int interpreters) {
  SessionPlan plan;
  std::vector<int> open(interpreters, -1);  // the running session of each slot
  auto start_session = [&](int slot) {
    open[slot] = static_cast<int>(plan.sessions.size());
    plan.sessions.push_back({slot, {}});
  };
  start_session(0);
  // Pass 1: which session each operation runs in (none: a no-op, no step) and each node's
  // session and local id.
  std::vector<int> node_session;
  std::vector<int> node_local;
  std::vector<int> created(1, 0);
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const Op& op = program.ops[i];
    const int slot = op.interpreter;
    if (const auto* lifecycle = std::get_if<Lifecycle>(&op.body)) {
      SessionPlan::Step step;
      step.lifecycle = true;
      step.event = lifecycle->event;
      step.slot = slot;
      step.input_index = static_cast<int>(i);
      switch (lifecycle->event) {
        case LifecycleEvent::kRestart:
          for (int sub = 1; sub < interpreters; ++sub) open[sub] = -1;
          plan.steps.push_back(step);
          start_session(0);
          created.push_back(0);
          break;
        case LifecycleEvent::kStartInterpreter:
          if (slot >= 1 && slot < interpreters && open[slot] < 0) {
            plan.steps.push_back(step);
            start_session(slot);
            created.push_back(0);
          }
          break;
        case LifecycleEvent::kEndInterpreter:
          if (slot >= 1 && slot < interpreters && open[slot] >= 0) {
            plan.steps.push_back(step);
            open[slot] = -1;
          }
          break;
      }
      continue;
    }
    const int session = slot < interpreters ? open[slot] : -1;
    if (std::holds_alternative<CreateNode>(op.body)) {
      node_session.push_back(session);
      node_local.push_back(session >= 0 ? created[session]++ : -1);
    }
    if (session >= 0) {
      SessionPlan::Step step;
      step.slot = slot;
      step.session = session;
      step.op = plan.sessions[session].program.ops.size();
      step.input_index = static_cast<int>(i);
      plan.steps.push_back(step);
      plan.sessions[session].program.ops.push_back(op);  // renumbered in pass 2
    }
  }
  // Pass 2: node references into each session's own numbering; another session's node is
  // a dead one there.
  for (SessionPlan::Session& session : plan.sessions) {
    const int index = static_cast<int>(&session - plan.sessions.data());
    for (Op& op : session.program.ops) {
      op.interpreter = 0;
      ForEachReference(op, [&](NodeId& node, ReferenceRole) {
        const bool mine = node < node_session.size() && node_session[node] == index;
        node = mine ? static_cast<NodeId>(node_local[node]) : kDeadNode;
      });
    }
  }
  return plan;
}

}  // namespace gcfuzz::gen
