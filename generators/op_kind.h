// A stable, short name for what kind of operation an Op is ("drop-root", "collect"...):
// the executor names the failing operation with it, and finding signatures use it, so it
// survives minimization (an operation's index does not).
#pragma once

#include <string_view>
#include <variant>

#include "generators/ops.h"
#include "generators/overloaded.h"

namespace gcfuzz::gen {

inline std::string_view OpKindName(const Op& op) {
  // No default: a new operation type must get a name here (the compiler says so).
  return std::visit(Overloaded{
                        [](const CreateNode&) { return std::string_view("create"); },
                        [](const AddEdge&) { return std::string_view("add-edge"); },
                        [](const RemoveEdge&) { return std::string_view("remove-edge"); },
                        [](const DropRoot&) { return std::string_view("drop-root"); },
                        [](const KeepAlive&) { return std::string_view("keep-alive"); },
                        [](const Touch&) { return std::string_view("touch"); },
                        [](const CallMethod&) { return std::string_view("call-method"); },
                        [](const Collect&) { return std::string_view("collect"); },
                        [](const SetGcEnabled&) { return std::string_view("set-gc-enabled"); },
                        [](const SetThresholds&) { return std::string_view("set-thresholds"); },
                        [](const Lifecycle& lifecycle) -> std::string_view {
                          switch (lifecycle.event) {
                            case LifecycleEvent::kRestart:
                              return std::string_view("restart-interpreter");
                            case LifecycleEvent::kStartInterpreter:
                              return std::string_view("start-subinterpreter");
                            case LifecycleEvent::kEndInterpreter:
                              return std::string_view("end-subinterpreter");
                          }
                          return std::string_view("lifecycle");
                        },
                    },
                    op.body);
}

}  // namespace gcfuzz::gen
