#include "forms/text_form.h"

#include <string>
#include <variant>

#include "generators/overloaded.h"

namespace gcfuzz::gen {

namespace {

std::string Node(NodeId id) { return "n" + std::to_string(id); }

std::string FixtureName(uint8_t fixture, const KindCatalog& catalog) {
  if (fixture < catalog.kind_count()) return catalog.kinds[fixture].name;
  return "kind#" + std::to_string(fixture);
}

std::string MethodName(uint8_t method, const KindCatalog& catalog) {
  if (method < catalog.method_count()) return catalog.method_names[method];
  return "method#" + std::to_string(method);
}

std::string ActionToText(const Action& action) {
  switch (action.kind) {
    case ActionKind::kTouch:
      return "touch " + Node(action.target);
    case ActionKind::kStashWeakref:
      return "stash weakref(" + Node(action.target) + ")";
    case ActionKind::kResurrect:
      return "resurrect " + Node(action.target);
    case ActionKind::kDropRoot:
      return "del " + Node(action.target);
    case ActionKind::kRaise:
      return "raise";
    case ActionKind::kCollect:
      return "collect(gen=" + std::to_string(action.generation) + ")";
  }
  return "action#" + std::to_string(static_cast<int>(action.kind));
}

std::string HookToText(const std::vector<Action>& hook) {
  std::string text = "[";
  for (size_t i = 0; i < hook.size(); ++i) {
    if (i > 0) text += "; ";
    text += ActionToText(hook[i]);
  }
  return text + "]";
}

// "a, b, c" with an optional prefix per item ("0: " for dicts).
std::string ArgList(const std::vector<NodeId>& args, bool dict_keys) {
  std::string text;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) text += ", ";
    if (dict_keys) text += std::to_string(i) + ": ";
    text += Node(args[i]);
  }
  return text;
}

std::string CreateToText(const CreateNode& create, const KindCatalog& catalog) {
  const std::string args = ArgList(create.args, false);
  const std::string comma_args = args.empty() ? "" : ", " + args;
  switch (create.kind.base) {
    case NodeBase::kFixture:
      return FixtureName(create.kind.fixture, catalog) + "(" + args + ")";
    case NodeBase::kFixtureSubclass:
      return std::string(create.own_class ? "own_subclass(" : "subclass(") +
             FixtureName(create.kind.fixture, catalog) + comma_args +
             (create.has_hook ? ", __del__=" + HookToText(create.hook) : "") + ")";
    case NodeBase::kChain: {
      const int length = create.chain_length_class < kChainLengthClasses
                             ? kChainLengths[create.chain_length_class]
                             : -1;
      return "chain(" + FixtureName(create.kind.fixture, catalog) + ", " + std::to_string(length) + ")";
    }
    case NodeBase::kList:
      return "[" + args + "]";
    case NodeBase::kDict:
      return "{" + ArgList(create.args, true) + "}";
    case NodeBase::kTuple:
      return "(" + args + (create.args.size() == 1 ? ",)" : ")");
    case NodeBase::kSet:
      return create.args.empty() ? "set()" : "{" + args + "}";
    case NodeBase::kClosure:
      return "closure(" + args + ")";
    case NodeBase::kBoundMethod:
      return "method(" + args + ")";
    case NodeBase::kWeakref:
      return "weakref(" + args + (create.has_hook ? ", callback=" + HookToText(create.hook) : "") + ")";
  }
  return "kind#" + std::to_string(static_cast<int>(create.kind.base)) + "(" + args + ")";
}

// How `from` names the label (via, index): n0.slot[1], n0.a1, n2[1], n3.cell, n4.<set>.
std::string LabelToText(NodeId from, EdgeVia via, uint8_t index, const std::vector<NodeKind>& kinds) {
  switch (via) {
    case EdgeVia::kSlot:
      return Node(from) + ".slot[" + std::to_string(index) + "]";
    case EdgeVia::kAttribute:
      return Node(from) + ".a" + std::to_string(index);
    case EdgeVia::kClassAttribute:
      return "type(" + Node(from) + ").a" + std::to_string(index);
    case EdgeVia::kItem:
      if (from < kinds.size() && kinds[from].base == NodeBase::kClosure) return Node(from) + ".cell";
      return Node(from) + "[" + std::to_string(index) + "]";
  }
  return Node(from) + ".via#" + std::to_string(static_cast<int>(via));
}

bool IsSet(NodeId node, const std::vector<NodeKind>& kinds) {
  return node < kinds.size() && kinds[node].base == NodeBase::kSet;
}

}  // namespace

std::string OpToText(const Op& op, NodeId created_id, const std::vector<NodeKind>& kinds,
                     const KindCatalog& catalog) {
  std::string text = std::visit(
      Overloaded{
          [&](const CreateNode& create) { return Node(created_id) + " = " + CreateToText(create, catalog); },
          [&](const AddEdge& edge) {
            if (edge.via == EdgeVia::kItem && IsSet(edge.from, kinds)) {
              return Node(edge.from) + ".add(" + Node(edge.to) + ")";
            }
            return LabelToText(edge.from, edge.via, edge.index, kinds) + " = " + Node(edge.to);
          },
          [&](const RemoveEdge& edge) {
            if (edge.via == EdgeVia::kItem && IsSet(edge.from, kinds)) return Node(edge.from) + ".clear()";
            return "del " + LabelToText(edge.from, edge.via, edge.index, kinds);
          },
          [&](const DropRoot& drop) { return "del " + Node(drop.node); },
          [&](const KeepAlive& keep) { return "keep_alive(" + Node(keep.node) + ")"; },
          [&](const Touch& touch) { return "touch(" + Node(touch.node) + ")"; },
          [&](const CallMethod& call) {
            return Node(call.receiver) + "." + MethodName(call.method, catalog) + "(" +
                   (call.has_argument ? Node(call.argument) : "") + ")";
          },
          [&](const Collect& collect) { return "gc.collect(" + std::to_string(collect.generation) + ")"; },
          [&](const SetGcEnabled& enabled) { return std::string(enabled.enabled ? "gc.enable()" : "gc.disable()"); },
          [&](const SetThresholds& t) {
            return "gc.set_threshold(" + std::to_string(t.threshold0) + ", " + std::to_string(t.threshold1) +
                   ", " + std::to_string(t.threshold2) + ")";
          },
          [&](const Lifecycle& lifecycle) {
            switch (lifecycle.event) {
              case LifecycleEvent::kRestart:
                return std::string("restart_interpreter()  # finalize, initialize, import again");
              case LifecycleEvent::kStartInterpreter:
                return std::string("start_subinterpreter()");
              case LifecycleEvent::kEndInterpreter:
                return std::string("end_subinterpreter()");
            }
            return std::string("lifecycle(?)");
          },
      },
      op.body);
  if (op.thread != 0) text += " @thread" + std::to_string(op.thread);
  if (op.interpreter != 0) text += " @interp" + std::to_string(op.interpreter);
  if (op.fail_allocation != 0) text += " @fail_alloc" + std::to_string(op.fail_allocation);
  return text;
}

std::string ToText(const Program& program, const KindCatalog& catalog) {
  const std::vector<NodeKind> kinds = NodeKinds(program);
  std::string text = "# gcfuzz program: " + std::to_string(kinds.size()) + " nodes, " +
                     std::to_string(program.ops.size()) + " operations\n";
  int created = 0;
  for (const Op& op : program.ops) {
    text += OpToText(op, static_cast<NodeId>(created), kinds, catalog);
    text += '\n';
    created += std::holds_alternative<CreateNode>(op.body);
  }
  text += "# final: del every root; gc.collect(); touch survivors\n";
  return text;
}

}  // namespace gcfuzz::gen
