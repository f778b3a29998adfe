// How a lifecycle program (lifecycle_fuzzer's: restarts and subinterpreters, Op::interpreter
// 0 the main interpreter, 1.. subinterpreters) maps onto the interpreters that run it. Pure
// logic, decided before anything runs; executor/lifecycle_run.h executes the plan.
//
// - A session is one interpreter between two lifecycle events: the main interpreter from
//   one restart to the next, a subinterpreter from its start to its end. Each session has a
//   program of its own, its operations over its own nodes, numbered from 0.
// - A node belongs to the session that created it; in any other session it is dead (an
//   operation naming it, or a hook action targeting it, names kDeadNode there, which the
//   executor finds gone, as any node that is gone: a no-op).
// - An operation in a subinterpreter that is not running is a no-op, and so is one naming an
//   interpreter the executor does not have; a node such an operation would have created
//   belongs to no session.
// - A restart ends every running subinterpreter; starting a subinterpreter that is running,
//   or ending one that is not, is a no-op.
#pragma once

#include <cstddef>
#include <vector>

#include "generators/node_kind.h"
#include "generators/ops.h"
#include "generators/program.h"

namespace gcfuzz::gen {

// A node id no session has: sessions are far smaller (Limits::max_nodes), so the executor's
// node table resolves it to "gone".
inline constexpr NodeId kDeadNode = 255;

// The program split into sessions, and the order to run things in.
struct SessionPlan {
  struct Session {
    int slot = 0;     // the interpreter: 0 the main one
    Program program;  // node ids local to the session, every operation's interpreter 0
  };
  // One thing to do: a lifecycle event that takes effect, or an operation of a session.
  struct Step {
    bool lifecycle = false;
    LifecycleEvent event = LifecycleEvent::kRestart;
    int slot = 0;
    int session = -1;     // for operations
    size_t op = 0;        // index in the session's program
    int input_index = 0;  // index in the input (what reports name)
  };
  std::vector<Session> sessions;  // [0] the main interpreter's first
  std::vector<Step> steps;        // in program order, without the no-ops
};

// `interpreters`: how many the executor runs (the main one included); operations and events
// naming another are no-ops.
SessionPlan PlanSessions(const Program& program, int interpreters);

}  // namespace gcfuzz::gen
