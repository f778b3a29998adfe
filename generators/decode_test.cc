#include "generators/decode.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <variant>

#include "generators/example_catalog.h"
#include "generators/node_capabilities.h"
#include "generators/target_limits.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

TEST(Decode, EmptyInputIsTheEmptyProgram) {
  EXPECT_TRUE(Decode(nullptr, 0, ExampleCatalog()).ops.empty());
}

TEST(Decode, EveryByteStringDecodesToAValidProgram) {
  const KindCatalog catalog = ExampleCatalog();
  const Limits limits;
  Rng rng(1);
  for (int i = 0; i < 10000; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, i % 2 ? 600 : 16);
    const Program program = Decode(bytes.data(), bytes.size(), catalog, limits);
    ASSERT_EQ(ValidationError(program, catalog, limits), "") << "input " << i;
  }
}

TEST(Decode, IsDeterministic) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(2);
  for (int i = 0; i < 500; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, 400);
    EXPECT_EQ(Decode(bytes.data(), bytes.size(), catalog), Decode(bytes.data(), bytes.size(), catalog));
  }
}

TEST(Decode, StaysWithinTightLimits) {
  const KindCatalog catalog = ExampleCatalog();
  Limits limits;
  limits.max_nodes = 3;
  limits.max_ops = 5;
  limits.max_args = 0;
  limits.max_hook_actions = 1;
  limits.max_edge_index = 1;
  limits.max_threshold = 2;
  Rng rng(3);
  for (int i = 0; i < 5000; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, 200);
    const Program program = Decode(bytes.data(), bytes.size(), catalog, limits);
    ASSERT_EQ(ValidationError(program, catalog, limits), "");
    EXPECT_LE(program.ops.size(), 5u);
    EXPECT_LE(CountNodes(program), 3);
  }
}

TEST(Decode, LongInputsStopAtTheOperationBudget) {
  const std::vector<uint8_t> bytes(100000, 0x5a);
  EXPECT_EQ(Decode(bytes.data(), bytes.size(), ExampleCatalog()).ops.size(), Limits{}.max_ops);
}

TEST(Decode, EmptyCatalogMakesOnlyBuiltinNodes) {
  const KindCatalog empty;
  Rng rng(4);
  for (int i = 0; i < 2000; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, 300);
    const Program program = Decode(bytes.data(), bytes.size(), empty);
    ASSERT_EQ(ValidationError(program, empty, Limits{}), "");
    for (NodeKind kind : NodeKinds(program)) EXPECT_FALSE(IsFixtureBased(kind.base));
  }
}

// The capability flags steer the decoder away from operations the executor would skip.
TEST(Decode, PrefersMeaningfulOperations) {
  const KindCatalog catalog = ExampleCatalog();
  for (const Program& program : DecodedPrograms(2000)) {
    const std::vector<NodeKind> kinds = NodeKinds(program);
    for (const Op& op : program.ops) {
      if (const auto* create = std::get_if<CreateNode>(&op.body)) {
        if (create->kind.base == NodeBase::kWeakref) EXPECT_TRUE(IsWeakrefable(kinds[create->args[0]], catalog));
        if (create->kind.base == NodeBase::kSet) {
          for (NodeId arg : create->args) EXPECT_TRUE(IsHashable(kinds[arg]));
        }
        if (create->kind.base == NodeBase::kFixtureSubclass) {
          EXPECT_TRUE(catalog.kinds[create->kind.fixture].subclassable);
        }
      } else if (const auto* edge = std::get_if<AddEdge>(&op.body)) {
        EXPECT_GT(EdgeSlotsOf(kinds[edge->from], edge->via, catalog, Limits{}.max_edge_index), edge->index);
      }
      EXPECT_EQ(op.thread, 0);
      EXPECT_EQ(op.interpreter, 0);
    }
  }
}

TEST(Decode, ReachesEveryOperationNodeKindAndAction) {
  std::set<size_t> ops;
  std::set<NodeBase> bases;
  std::set<ActionKind> actions;
  for (const Program& program : DecodedPrograms(2000)) {
    for (const Op& op : program.ops) {
      ops.insert(op.body.index());
      if (const auto* create = std::get_if<CreateNode>(&op.body)) {
        bases.insert(create->kind.base);
        for (const Action& action : create->hook) actions.insert(action.kind);
      }
    }
  }
  // Every operation but Lifecycle, which only lifecycle programs have (next test).
  EXPECT_EQ(ops.size(), std::variant_size_v<OpBody> - 1);
  EXPECT_EQ(ops.count(OpBody(Lifecycle{}).index()), 0u);
  EXPECT_EQ(bases.size(), static_cast<size_t>(NodeBase::kMaxValue) + 1);
  EXPECT_EQ(actions.size(), static_cast<size_t>(ActionKind::kMaxValue) + 1);
}

// Lifecycle programs (lifecycle_fuzzer's limits) have every event, graph operations in the
// subinterpreter, and stay valid under those limits.
TEST(Decode, LifecycleProgramsReachEveryEventAndBothInterpreters) {
  const Limits limits = *LimitsOfTarget("lifecycle_fuzzer");
  std::set<LifecycleEvent> events;
  bool graph_op_in_subinterpreter = false;
  const KindCatalog catalog = ExampleCatalog();
  for (const Program& program : DecodedPrograms(2000, limits)) {
    EXPECT_EQ(ValidationError(program, catalog, limits), "");
    for (const Op& op : program.ops) {
      if (const auto* lifecycle = std::get_if<Lifecycle>(&op.body)) {
        events.insert(lifecycle->event);
        EXPECT_EQ(op.interpreter, lifecycle->event == LifecycleEvent::kRestart ? 0 : 1);
      } else {
        graph_op_in_subinterpreter |= op.interpreter == 1;
      }
    }
  }
  EXPECT_EQ(events.size(), static_cast<size_t>(LifecycleEvent::kMaxValue) + 1);
  EXPECT_TRUE(graph_op_in_subinterpreter);
}

// The structures that reach particular defects: constructor arguments (Var's fill), nodes
// with classes of their own and edges from those classes, and every chain length.
TEST(Decode, ReachesConstructorArgumentsOwnClassesClassEdgesAndChains) {
  bool fixture_args = false, own_class = false, class_edge = false;
  std::set<int> chain_lengths;
  for (const Program& program : DecodedPrograms(20000)) {
    for (const Op& op : program.ops) {
      if (const auto* create = std::get_if<CreateNode>(&op.body)) {
        fixture_args |= create->kind.base == NodeBase::kFixture && !create->args.empty();
        own_class |= create->own_class;
        if (create->kind.base == NodeBase::kChain) chain_lengths.insert(create->chain_length_class);
      } else if (const auto* edge = std::get_if<AddEdge>(&op.body)) {
        class_edge |= edge->via == EdgeVia::kClassAttribute;
      }
    }
  }
  EXPECT_TRUE(fixture_args);
  EXPECT_TRUE(own_class);
  EXPECT_TRUE(class_edge);
  // The deepest chain is rare by design (about 1 chain in 150): not required here.
  EXPECT_GE(chain_lengths.size(), static_cast<size_t>(kChainLengthClasses) - 1);
}

// A constructor that calls its first argument (Pair in the example catalog, Var in the
// real one) gets a callable: an earlier one, or a closure made just before it when the
// program has none yet. Frozen-like constructors that only store their items do not.
TEST(Decode, ConstructorsThatCallTheirArgumentGetACallable) {
  const KindCatalog catalog = ExampleCatalog();
  const std::optional<int> pair = catalog.FindKind("Pair");
  ASSERT_TRUE(pair && catalog.kinds[*pair].calls_argument);
  int with_args = 0, callable_first = 0, made_for_it = 0;
  for (const Program& program : DecodedPrograms(20000)) {
    std::vector<NodeBase> bases;
    for (size_t i = 0; i < program.ops.size(); ++i) {
      const auto* create = std::get_if<CreateNode>(&program.ops[i].body);
      if (create == nullptr) continue;
      if (IsFixtureBased(create->kind.base) && create->kind.fixture == *pair && !create->args.empty()) {
        ++with_args;
        const NodeBase first = bases[create->args[0]];
        callable_first += first == NodeBase::kClosure || first == NodeBase::kBoundMethod;
        const auto* before = i > 0 ? std::get_if<CreateNode>(&program.ops[i - 1].body) : nullptr;
        made_for_it += before && before->kind.base == NodeBase::kClosure &&
                       create->args[0] == bases.size() - 1;
      }
      bases.push_back(create->kind.base);
    }
  }
  ASSERT_GT(with_args, 100);
  EXPECT_EQ(callable_first, with_args);
  // Most programs have no callable when their first Pair comes.
  EXPECT_GT(made_for_it, with_args / 4);
}

// A method call repeats the program's previous call a quarter of the time (same receiver,
// same method): what a stateful object needs (a third slots() on a pool of two).
TEST(Decode, MethodCallsRepeatThePreviousCallOften) {
  int calls_after_a_call = 0, repeats = 0;
  for (const Program& program : DecodedPrograms(20000)) {
    const CallMethod* previous = nullptr;
    for (const Op& op : program.ops) {
      const auto* call = std::get_if<CallMethod>(&op.body);
      if (call == nullptr) continue;
      if (previous != nullptr) {
        ++calls_after_a_call;
        repeats += call->receiver == previous->receiver && call->method == previous->method;
      }
      previous = call;
    }
  }
  ASSERT_GT(calls_after_a_call, 1000);
  EXPECT_GT(repeats, calls_after_a_call / 5);
}

// Methods that work on members (clear_slots, get_slot, use) are mostly called on a fixture
// that holds something. With a uniform receiver 46% of them did (where there was a
// choice), and the rest went to fixtures holding nothing, where they do nothing; now 63%.
TEST(Decode, MethodCallsMostlyGoToFixturesThatHoldSomething) {
  int calls = 0, on_holders = 0;
  for (const Program& program : DecodedPrograms(20000)) {
    const std::vector<NodeKind> kinds = NodeKinds(program);
    std::set<NodeId> holding;
    size_t fixtures = 0;
    for (const Op& op : program.ops) {
      if (const auto* create = std::get_if<CreateNode>(&op.body)) {
        fixtures += IsFixtureBased(create->kind.base);
      } else if (const auto* edge = std::get_if<AddEdge>(&op.body)) {
        if (IsFixtureBased(kinds[edge->from].base)) holding.insert(edge->from);
      } else if (const auto* call = std::get_if<CallMethod>(&op.body)) {
        // Only where there is a choice: some fixture holds something and some does not.
        if (holding.empty() || holding.size() == fixtures) continue;
        ++calls;
        on_holders += holding.count(call->receiver) != 0;
      }
    }
  }
  ASSERT_GT(calls, 1000);
  EXPECT_GT(on_holders, calls / 2);
}

// The share of "use" (the releasing method when it is one) among calls on a Slotted
// receiver that holds something.
double ShareOfUseOnHoldingSlotted(const KindCatalog& catalog) {
  Rng rng(8);
  int calls = 0, uses = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, 400);
    const Program program = Decode(bytes.data(), bytes.size(), catalog);
    const std::vector<NodeKind> kinds = NodeKinds(program);
    std::set<NodeId> holding;
    for (const Op& op : program.ops) {
      if (const auto* edge = std::get_if<AddEdge>(&op.body)) {
        if (IsFixtureBased(kinds[edge->from].base)) holding.insert(edge->from);
      } else if (const auto* call = std::get_if<CallMethod>(&op.body)) {
        if (!holding.count(call->receiver) || kinds[call->receiver].fixture != 0) continue;
        ++calls;
        uses += call->method == 1;
      }
    }
  }
  EXPECT_GT(calls, 1000);
  return calls ? static_cast<double>(uses) / calls : 0;
}

TEST(Decode, FixturesThatHoldSomethingAreOftenAskedToReleaseIt) {
  KindCatalog releasing = ExampleCatalog();
  releasing.releasing_methods = {1};  // "use", one of Slotted's two methods
  const double without = ShareOfUseOnHoldingSlotted(ExampleCatalog());
  const double with = ShareOfUseOnHoldingSlotted(releasing);
  EXPECT_NEAR(without, 0.5, 0.05) << "Slotted's two methods, evenly";
  EXPECT_GT(with, without + 0.1);
}

// FuzzedDataProvider's layout: structure from the end, payload from the front, so a
// change to the first byte changes a value, never which operations the program has.
TEST(Decode, FrontBytesAreOnlyPayload) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(5);
  for (int i = 0; i < 200; ++i) {
    std::vector<uint8_t> bytes(4000);
    for (uint8_t& byte : bytes) byte = static_cast<uint8_t>(rng.Next());
    const Program original = Decode(bytes.data(), bytes.size(), catalog);
    bytes[0] ^= 0xff;
    const Program changed = Decode(bytes.data(), bytes.size(), catalog);
    ASSERT_EQ(original.ops.size(), changed.ops.size());
    for (size_t op = 0; op < original.ops.size(); ++op) {
      EXPECT_EQ(original.ops[op].body.index(), changed.ops[op].body.index());
    }
  }
}

}  // namespace
}  // namespace gcfuzz::gen
