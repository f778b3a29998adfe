#include "generators/serialize.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <variant>

#include "generators/overloaded.h"
#include "generators/validate.h"

namespace gcfuzz::gen {

namespace {

// Persistent: never renumber, only add. Every operation starts with its opcode, thread,
// interpreter and (since version 3) fail_allocation.
enum Opcode : uint8_t {
  // base, kind-name index, argc, args..., has_hook, n, n x (kind, target, generation),
  // then since version 2: own_class, chain_length_class
  kOpCreateNode = 0x01,
  kOpAddEdge = 0x02,        // from, to, via, index
  kOpRemoveEdge = 0x03,     // from, via, index
  kOpDropRoot = 0x04,       // node
  kOpKeepAlive = 0x05,      // node
  kOpTouch = 0x06,          // node
  kOpCallMethod = 0x07,     // receiver, method-name index, has_argument, argument
  kOpCollect = 0x08,        // generation
  kOpSetGcEnabled = 0x09,   // enabled
  kOpSetThresholds = 0x0a,  // 3 x u16le
  kOpLifecycle = 0x0b,      // event
};

// A table of names written in order of first use; index = position.
class NameTable {
 public:
  uint8_t IndexOf(const std::string& name) {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return static_cast<uint8_t>(i);
    }
    names_.push_back(name);
    return static_cast<uint8_t>(names_.size() - 1);
  }

  void WriteTo(std::vector<uint8_t>& out) const {
    out.push_back(static_cast<uint8_t>(names_.size()));
    for (const std::string& name : names_) {
      // Catalog names are identifiers; longer than 255 bytes would not round-trip.
      const size_t length = std::min<size_t>(name.size(), 255);
      out.push_back(static_cast<uint8_t>(length));
      out.insert(out.end(), name.begin(), name.begin() + length);
    }
  }

 private:
  std::vector<std::string> names_;
};

class Writer {
 public:
  explicit Writer(const KindCatalog& catalog) : catalog_(catalog) {}

  std::vector<uint8_t> Write(const Program& program) {
    for (const Op& op : program.ops) WriteOp(op);
    std::vector<uint8_t> out(std::begin(kSerializedMagic), std::end(kSerializedMagic));
    out.push_back(kSerializedVersion);
    kinds_.WriteTo(out);
    methods_.WriteTo(out);
    out.push_back(static_cast<uint8_t>(program.ops.size() & 0xff));
    out.push_back(static_cast<uint8_t>(program.ops.size() >> 8));
    out.insert(out.end(), body_.begin(), body_.end());
    return out;
  }

 private:
  void WriteOp(const Op& op) {
    std::visit(
        Overloaded{
            [&](const CreateNode& create) {
              Bytes({kOpCreateNode, op.thread, op.interpreter, op.fail_allocation,
                     static_cast<uint8_t>(create.kind.base),
                     IsFixtureBased(create.kind.base)
                         ? kinds_.IndexOf(catalog_.kinds[create.kind.fixture].name)
                         : uint8_t{0},
                     static_cast<uint8_t>(create.args.size())});
              body_.insert(body_.end(), create.args.begin(), create.args.end());
              Bytes({create.has_hook, static_cast<uint8_t>(create.hook.size())});
              for (const Action& action : create.hook) {
                Bytes({static_cast<uint8_t>(action.kind), action.target, action.generation});
              }
              Bytes({create.own_class, create.chain_length_class});
            },
            [&](const AddEdge& edge) {
              Bytes({kOpAddEdge, op.thread, op.interpreter, op.fail_allocation, edge.from, edge.to,
                     static_cast<uint8_t>(edge.via), edge.index});
            },
            [&](const RemoveEdge& edge) {
              Bytes({kOpRemoveEdge, op.thread, op.interpreter, op.fail_allocation, edge.from,
                     static_cast<uint8_t>(edge.via), edge.index});
            },
            [&](const DropRoot& drop) { Bytes({kOpDropRoot, op.thread, op.interpreter, op.fail_allocation, drop.node}); },
            [&](const KeepAlive& keep) { Bytes({kOpKeepAlive, op.thread, op.interpreter, op.fail_allocation, keep.node}); },
            [&](const Touch& touch) { Bytes({kOpTouch, op.thread, op.interpreter, op.fail_allocation, touch.node}); },
            [&](const CallMethod& call) {
              Bytes({kOpCallMethod, op.thread, op.interpreter, op.fail_allocation, call.receiver,
                     methods_.IndexOf(catalog_.method_names[call.method]), call.has_argument,
                     call.argument});
            },
            [&](const Collect& collect) {
              Bytes({kOpCollect, op.thread, op.interpreter, op.fail_allocation, collect.generation});
            },
            [&](const SetGcEnabled& enabled) {
              Bytes({kOpSetGcEnabled, op.thread, op.interpreter, op.fail_allocation, enabled.enabled});
            },
            [&](const SetThresholds& thresholds) {
              Bytes({kOpSetThresholds, op.thread, op.interpreter, op.fail_allocation});
              for (uint16_t value : {thresholds.threshold0, thresholds.threshold1, thresholds.threshold2}) {
                Bytes({static_cast<uint8_t>(value & 0xff), static_cast<uint8_t>(value >> 8)});
              }
            },
            [&](const Lifecycle& lifecycle) {
              Bytes({kOpLifecycle, op.thread, op.interpreter, op.fail_allocation, static_cast<uint8_t>(lifecycle.event)});
            },
        },
        op.body);
  }

  void Bytes(std::initializer_list<uint8_t> bytes) { body_.insert(body_.end(), bytes); }

  const KindCatalog& catalog_;
  NameTable kinds_;
  NameTable methods_;
  std::vector<uint8_t> body_;
};

// Reads fields; after the first short read every read yields 0 and failed() is true, so
// the parser checks once per operation instead of after every byte.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  uint8_t Byte() {
    if (position_ >= size_) {
      failed_ = true;
      return 0;
    }
    return data_[position_++];
  }

  uint16_t U16() {
    const uint8_t low = Byte();
    return static_cast<uint16_t>(low | (Byte() << 8));
  }

  // A 0/1 byte; anything else marks the input malformed.
  bool Bool() {
    const uint8_t byte = Byte();
    if (byte > 1) failed_ = true;
    return byte == 1;
  }

  std::string_view Name() {
    const uint8_t length = Byte();
    if (size_ - position_ < length) {
      failed_ = true;
      return {};
    }
    std::string_view name(reinterpret_cast<const char*>(data_ + position_), length);
    position_ += length;
    return name;
  }

  bool failed() const { return failed_; }
  bool at_end() const { return position_ == size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
  bool failed_ = false;
};

class ProgramParser {
 public:
  ProgramParser(const uint8_t* data, size_t size, const KindCatalog& catalog, int max_ops)
      : reader_(data, size), catalog_(catalog), max_ops_(max_ops) {}

  // The program, or nullopt with error() set. Validity is checked by the caller.
  std::optional<Program> Run() {
    for (uint8_t byte : kSerializedMagic) {
      if (reader_.Byte() != byte) return Fail("not a gcfuzz program (bad magic)");
    }
    version_ = reader_.Byte();
    const uint8_t version = version_;
    if (reader_.failed()) return Fail("truncated header");
    if (version < kOldestReadableVersion || version > kSerializedVersion) {
      return Fail("unsupported format version " + std::to_string(version) + " (this build reads " +
                  std::to_string(kSerializedVersion) + ")");
    }
    if (!ReadTable(kinds_, [&](std::string_view name) { return catalog_.FindKind(name); }, "fixture kind")) {
      return std::nullopt;
    }
    if (!ReadTable(methods_, [&](std::string_view name) { return catalog_.FindMethod(name); }, "method")) {
      return std::nullopt;
    }
    const uint16_t op_count = reader_.U16();
    if (reader_.failed()) return Fail("truncated header");
    // Before reading them, so a corrupted count costs nothing.
    if (op_count > max_ops_) return Fail(std::to_string(op_count) + " operations, limit " + std::to_string(max_ops_));
    Program program;
    program.ops.reserve(op_count);
    for (int i = 0; i < op_count; ++i) {
      std::optional<Op> op = ReadOp();
      if (!op || reader_.failed()) {
        return Fail(error_.empty() ? "op " + std::to_string(i) + ": truncated or malformed" : error_);
      }
      program.ops.push_back(std::move(*op));
    }
    if (!reader_.at_end()) return Fail("trailing bytes after the last operation");
    return program;
  }

  const std::string& error() const { return error_; }

 private:
  template <typename Find>
  bool ReadTable(std::vector<uint8_t>& table, Find find, const char* what) {
    const uint8_t count = reader_.Byte();
    for (int i = 0; i < count; ++i) {
      const std::string_view name = reader_.Name();
      if (reader_.failed()) break;
      const std::optional<int> index = find(name);
      if (!index) {
        Fail(std::string("unknown ") + what + " '" + std::string(name) + "'");
        return false;
      }
      table.push_back(static_cast<uint8_t>(*index));
    }
    if (reader_.failed()) {
      Fail(std::string("truncated ") + what + " table");
      return false;
    }
    return true;
  }

  std::optional<Op> ReadOp() {
    Op op;
    const uint8_t opcode = reader_.Byte();
    op.thread = reader_.Byte();
    op.interpreter = reader_.Byte();
    if (version_ >= 3) op.fail_allocation = reader_.Byte();
    switch (opcode) {
      case kOpCreateNode: {
        CreateNode create;
        create.kind.base = static_cast<NodeBase>(reader_.Byte());
        if (create.kind.base > NodeBase::kMaxValue) return Fail("unknown node kind");
        const uint8_t kind_index = reader_.Byte();
        if (IsFixtureBased(create.kind.base)) {
          if (kind_index >= kinds_.size()) return Fail("fixture kind index out of the name table");
          create.kind.fixture = kinds_[kind_index];
        } else if (kind_index != 0) {
          return Fail("fixture kind index on a builtin node");
        }
        create.args.resize(reader_.Byte());
        for (NodeId& arg : create.args) arg = reader_.Byte();
        create.has_hook = reader_.Bool();
        create.hook.resize(reader_.Byte());
        for (Action& action : create.hook) {
          action.kind = static_cast<ActionKind>(reader_.Byte());
          action.target = reader_.Byte();
          action.generation = reader_.Byte();
        }
        if (version_ >= 2) {
          create.own_class = reader_.Bool();
          create.chain_length_class = reader_.Byte();
        }
        op.body = std::move(create);
        break;
      }
      case kOpAddEdge: {
        AddEdge edge;
        edge.from = reader_.Byte();
        edge.to = reader_.Byte();
        edge.via = static_cast<EdgeVia>(reader_.Byte());
        edge.index = reader_.Byte();
        op.body = edge;
        break;
      }
      case kOpRemoveEdge: {
        RemoveEdge edge;
        edge.from = reader_.Byte();
        edge.via = static_cast<EdgeVia>(reader_.Byte());
        edge.index = reader_.Byte();
        op.body = edge;
        break;
      }
      case kOpDropRoot:
        op.body = DropRoot{reader_.Byte()};
        break;
      case kOpKeepAlive:
        op.body = KeepAlive{reader_.Byte()};
        break;
      case kOpTouch:
        op.body = Touch{reader_.Byte()};
        break;
      case kOpCallMethod: {
        CallMethod call;
        call.receiver = reader_.Byte();
        const uint8_t method_index = reader_.Byte();
        if (method_index >= methods_.size()) return Fail("method index out of the name table");
        call.method = methods_[method_index];
        call.has_argument = reader_.Bool();
        call.argument = reader_.Byte();
        op.body = call;
        break;
      }
      case kOpCollect:
        op.body = Collect{reader_.Byte()};
        break;
      case kOpSetGcEnabled:
        op.body = SetGcEnabled{reader_.Bool()};
        break;
      case kOpSetThresholds: {
        SetThresholds thresholds;
        thresholds.threshold0 = reader_.U16();
        thresholds.threshold1 = reader_.U16();
        thresholds.threshold2 = reader_.U16();
        op.body = thresholds;
        break;
      }
      case kOpLifecycle:
        op.body = Lifecycle{static_cast<LifecycleEvent>(reader_.Byte())};
        break;
      default:
        return Fail("unknown opcode " + std::to_string(opcode));
    }
    return op;
  }

  std::nullopt_t Fail(std::string error) {
    if (error_.empty()) error_ = std::move(error);
    return std::nullopt;
  }

  Reader reader_;
  const KindCatalog& catalog_;
  const int max_ops_;
  uint8_t version_ = 0;
  std::vector<uint8_t> kinds_;    // name table index -> catalog kind
  std::vector<uint8_t> methods_;  // name table index -> catalog method
  std::string error_;
};

}  // namespace

std::vector<uint8_t> Serialize(const Program& program, const KindCatalog& catalog) {
  return Writer(catalog).Write(program);
}

ParseResult Parse(const uint8_t* data, size_t size, const KindCatalog& catalog,
                  const Limits& limits) {
  ParseResult result;
  ProgramParser parser(data, size, catalog, limits.max_ops);
  std::optional<Program> program = parser.Run();
  if (!program) {
    result.error = parser.error();
    return result;
  }
  if (std::string error = ValidationError(*program, catalog, limits); !error.empty()) {
    result.error = "invalid program: " + error;
    return result;
  }
  result.program = std::move(program);
  return result;
}

bool HasSerializedMagic(const uint8_t* data, size_t size) {
  return size >= sizeof(kSerializedMagic) &&
         std::memcmp(data, kSerializedMagic, sizeof(kSerializedMagic)) == 0;
}

}  // namespace gcfuzz::gen
