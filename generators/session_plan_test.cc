#include "generators/session_plan.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

// The main interpreter and one subinterpreter, as lifecycle_fuzzer runs them.
constexpr int kInterpreters = 2;

Op In(uint8_t interpreter, OpBody body) { return {std::move(body), 0, interpreter}; }
Op Create(uint8_t interpreter = 0) {
  return In(interpreter, CreateNode{{NodeBase::kFixture, 0}, {}, false, {}});
}
Op TouchOf(NodeId node, uint8_t interpreter = 0) { return In(interpreter, Touch{node}); }
Op Event(LifecycleEvent event, uint8_t interpreter = 0) { return In(interpreter, Lifecycle{event}); }
Op Restart() { return Event(LifecycleEvent::kRestart); }
Op Start(uint8_t interpreter) { return Event(LifecycleEvent::kStartInterpreter, interpreter); }
Op End(uint8_t interpreter) { return Event(LifecycleEvent::kEndInterpreter, interpreter); }

Program Of(std::initializer_list<Op> ops) { return Program{ops}; }

// A step, written the way the tests read: an operation of a session, or an event.
struct Expected {
  bool lifecycle;
  int slot;
  int session;  // -1 for events
  size_t op;    // 0 for events
  int input_index;
};
Expected OpStep(int slot, int session, size_t op, int input_index) {
  return {false, slot, session, op, input_index};
}
Expected EventStep(int slot, int input_index) { return {true, slot, -1, 0, input_index}; }

void ExpectSteps(const SessionPlan& plan, const std::vector<Expected>& expected) {
  ASSERT_EQ(plan.steps.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const SessionPlan::Step& step = plan.steps[i];
    SCOPED_TRACE("step " + std::to_string(i));
    EXPECT_EQ(step.lifecycle, expected[i].lifecycle);
    EXPECT_EQ(step.slot, expected[i].slot);
    EXPECT_EQ(step.session, expected[i].session);
    EXPECT_EQ(step.op, expected[i].op);
    EXPECT_EQ(step.input_index, expected[i].input_index);
  }
}

std::vector<int> Slots(const SessionPlan& plan) {
  std::vector<int> slots;
  for (const SessionPlan::Session& session : plan.sessions) slots.push_back(session.slot);
  return slots;
}

TEST(SessionPlan, AProgramWithoutEventsIsOneSessionOfTheMainInterpreter) {
  const Program program = SampleProgram();
  const SessionPlan plan = PlanSessions(program, kInterpreters);
  ASSERT_EQ(plan.sessions.size(), 1u);
  EXPECT_EQ(plan.sessions[0].slot, 0);
  EXPECT_EQ(plan.sessions[0].program, program);
  std::vector<Expected> steps;
  for (size_t i = 0; i < program.ops.size(); ++i) steps.push_back(OpStep(0, 0, i, static_cast<int>(i)));
  ExpectSteps(plan, steps);
}

TEST(SessionPlan, ARestartStartsASessionAndTheNodesBeforeItAreDeadAfterIt) {
  const SessionPlan plan = PlanSessions(Of({Create(),                          // n0
                                            Restart(),                         //
                                            Create(),                          // n1
                                            TouchOf(0),                        //
                                            TouchOf(1),                        //
                                            In(0, AddEdge{1, 0, EdgeVia::kSlot, 2})}),
                                        kInterpreters);
  EXPECT_EQ(Slots(plan), (std::vector<int>{0, 0}));
  EXPECT_EQ(plan.sessions[0].program, Of({Create()}));
  EXPECT_EQ(plan.sessions[1].program,
            Of({Create(), TouchOf(kDeadNode), TouchOf(0), In(0, AddEdge{0, kDeadNode, EdgeVia::kSlot, 2})}));
  ExpectSteps(plan, {OpStep(0, 0, 0, 0), EventStep(0, 1), OpStep(0, 1, 0, 2), OpStep(0, 1, 1, 3),
                     OpStep(0, 1, 2, 4), OpStep(0, 1, 3, 5)});
}

TEST(SessionPlan, ASubinterpreterIsASessionFromItsStartToItsEnd) {
  const SessionPlan plan = PlanSessions(Of({Create(0),      // n0, the main interpreter's
                                            Start(1),       //
                                            Create(1),      // n1, the subinterpreter's
                                            TouchOf(0, 1),  // dead there
                                            TouchOf(1, 1),  //
                                            End(1),         //
                                            TouchOf(1, 1),  // no longer running: a no-op
                                            TouchOf(1, 0)}),  // dead in the main one
                                        kInterpreters);
  EXPECT_EQ(Slots(plan), (std::vector<int>{0, 1}));
  EXPECT_EQ(plan.sessions[0].program, Of({Create(), TouchOf(kDeadNode)}));
  // A session's own program runs in its own interpreter: it names interpreter 0.
  EXPECT_EQ(plan.sessions[1].program, Of({Create(), TouchOf(kDeadNode), TouchOf(0)}));
  ExpectSteps(plan, {OpStep(0, 0, 0, 0), EventStep(1, 1), OpStep(1, 1, 0, 2), OpStep(1, 1, 1, 3),
                     OpStep(1, 1, 2, 4), EventStep(1, 5), OpStep(0, 0, 1, 7)});
}

TEST(SessionPlan, OperationsInASubinterpreterThatIsNotRunningAreNoOps) {
  const SessionPlan plan = PlanSessions(Of({Create(1),      // n0: created nowhere
                                            Start(1),       //
                                            TouchOf(0, 1),  // n0 belongs to no session
                                            Create(0),      // n1, the main interpreter's n0
                                            TouchOf(1, 0)}),
                                        kInterpreters);
  EXPECT_EQ(plan.sessions[0].program, Of({Create(), TouchOf(0)}));
  EXPECT_EQ(plan.sessions[1].program, Of({TouchOf(kDeadNode)}));
  ExpectSteps(plan, {EventStep(1, 1), OpStep(1, 1, 0, 2), OpStep(0, 0, 0, 3), OpStep(0, 0, 1, 4)});
}

TEST(SessionPlan, StartingARunningOrEndingAStoppedSubinterpreterIsANoOp) {
  const SessionPlan plan =
      PlanSessions(Of({End(1), Start(1), Start(1), End(1), End(1)}), kInterpreters);
  EXPECT_EQ(Slots(plan), (std::vector<int>{0, 1}));
  ExpectSteps(plan, {EventStep(1, 1), EventStep(1, 3)});
}

TEST(SessionPlan, ARestartEndsEverySubinterpreter) {
  const SessionPlan plan =
      PlanSessions(Of({Start(1), Create(1), Restart(), TouchOf(0, 1), End(1), Create(0)}),
                   kInterpreters);
  EXPECT_EQ(Slots(plan), (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(plan.sessions[1].program, Of({Create()}));
  EXPECT_EQ(plan.sessions[2].program, Of({Create()}));
  // The touch and the end name a subinterpreter the restart ended.
  ExpectSteps(plan, {EventStep(1, 0), OpStep(1, 1, 0, 1), EventStep(0, 2), OpStep(0, 2, 0, 5)});
}

TEST(SessionPlan, InterpretersTheExecutorDoesNotHaveAreNoOps) {
  const Program program = Of({Start(2), Create(2), Start(1), TouchOf(0, 1), End(2), Create(0)});
  const SessionPlan plan = PlanSessions(program, kInterpreters);
  EXPECT_EQ(Slots(plan), (std::vector<int>{0, 1}));
  EXPECT_EQ(plan.sessions[1].program, Of({TouchOf(kDeadNode)}));
  ExpectSteps(plan, {EventStep(1, 2), OpStep(1, 1, 0, 3), OpStep(0, 0, 0, 5)});

  // With the main interpreter alone, subinterpreter 1 is one it does not have either, and
  // restarts still split the main interpreter's sessions.
  const SessionPlan main_only = PlanSessions(Of({Start(1), Create(1), Restart(), Create(0)}), 1);
  EXPECT_EQ(Slots(main_only), (std::vector<int>{0, 0}));
  ExpectSteps(main_only, {EventStep(0, 2), OpStep(0, 1, 0, 3)});
}

TEST(SessionPlan, HookTargetsInAnotherSessionAreDead) {
  const Op hooked = In(1, CreateNode{{NodeBase::kFixtureSubclass, 0},
                                     {},
                                     true,
                                     {{ActionKind::kTouch, 0, 0},        // n0: the main one's
                                      {ActionKind::kResurrect, 1, 0},    // itself
                                      {ActionKind::kCollect, 0, 1}}});  // no target
  const SessionPlan plan = PlanSessions(Of({Create(0), Start(1), hooked}), kInterpreters);
  ASSERT_EQ(plan.sessions.size(), 2u);
  const Op expected = In(0, CreateNode{{NodeBase::kFixtureSubclass, 0},
                                       {},
                                       true,
                                       {{ActionKind::kTouch, kDeadNode, 0},
                                        {ActionKind::kResurrect, 0, 0},
                                        {ActionKind::kCollect, 0, 1}}});
  EXPECT_EQ(plan.sessions[1].program, Of({expected}));
}

}  // namespace
}  // namespace gcfuzz::gen
