// std::visit over an OpBody with one lambda per operation.
#pragma once

namespace gcfuzz::gen {

template <typename... Lambdas>
struct Overloaded : Lambdas... {
  using Lambdas::operator()...;
};
template <typename... Lambdas>
Overloaded(Lambdas...) -> Overloaded<Lambdas...>;

}  // namespace gcfuzz::gen
