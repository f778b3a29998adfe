// What the generators know about the fixture kinds: a runtime value, not a compiled-in list,
// because the catalog (fixtures/) grows independently of the generators. The decoder uses
// the capability flags only to avoid pointless operations (a weakref to an object that does
// not support weakrefs); a program stays structurally valid whatever the flags say.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gcfuzz::gen {

struct FixtureKind {
  // The name the executor and the text form use, and the one the serialized form stores
  // (so a corpus survives reordering of the catalog).
  std::string name;
  // Object slots the fixture owns (`n3.slot[i] = n5`), 0 for none.
  int slots = 0;
  bool weakrefable = false;
  // A Python subclass (with __del__) can be made of it.
  bool subclassable = false;
  // Instances have a __dict__, so attributes can hold references.
  bool has_dict = false;
  // How many nodes the constructor takes as positional arguments (Frozen's items, Var's
  // fill function); 0 for most kinds.
  int constructor_args = 0;
  // The constructor calls its first argument (Var's fill): the decoder hands it a callable
  // node, and makes one first when the program has none (fixtures' CALLS attribute).
  bool calls_argument = false;
  // Catalog method indices (KindCatalog::method_names) the kind's instances have; the
  // decoder calls those on its instances. Empty means "not known": any method.
  std::vector<uint8_t> methods;

  bool operator==(const FixtureKind&) const = default;
};

struct KindCatalog {
  // Index = the fixture kind number used in the IR. At most 256 kinds are addressable.
  std::vector<FixtureKind> kinds;
  // Methods a program may call on any node (`n3.keep(n5)`): catalog-wide names, looked up
  // on the receiver at run time, so a receiver without the method makes the call a no-op.
  std::vector<std::string> method_names;
  // By method: 0 or 1 when the method is known to take that many arguments (its
  // METH_NOARGS / METH_O flag), so the decoder does not make calls that can only raise
  // TypeError. Shorter than method_names, or -1: not known, either is tried.
  std::vector<int8_t> method_arguments;
  // The methods (indices into method_names) that let go of references their receiver holds
  // (the fixtures' clear_slots()): what the released objects' finalizers run meets the
  // receiver half-way through. Empty: none known.
  std::vector<uint8_t> releasing_methods;
  // The longest chain a program builds (CreateNode chains), 0 for no limit beyond
  // kChainLengths: a module whose types cannot use the trashcan (Cython 0.29) declares it
  // in its adapter (MAX_CHAIN), since a deep chain would overflow the C stack every time.
  int max_chain_length = 0;

  bool operator==(const KindCatalog&) const = default;

  int MethodArguments(int method) const {
    return method >= 0 && method < static_cast<int>(method_arguments.size()) ? method_arguments[method] : -1;
  }

  int kind_count() const {
    return kinds.size() < 256 ? static_cast<int>(kinds.size()) : 256;
  }
  int method_count() const {
    return method_names.size() < 256 ? static_cast<int>(method_names.size()) : 256;
  }

  std::optional<int> FindKind(std::string_view name) const {
    for (int i = 0; i < kind_count(); ++i) {
      if (kinds[i].name == name) return i;
    }
    return std::nullopt;
  }
  std::optional<int> FindMethod(std::string_view name) const {
    for (int i = 0; i < method_count(); ++i) {
      if (method_names[i] == name) return i;
    }
    return std::nullopt;
  }
};

}  // namespace gcfuzz::gen
