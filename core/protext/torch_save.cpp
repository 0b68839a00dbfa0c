#include "core/protext/torch_save.h"


#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>

#include "core/error.h"
#include "core/runtime/zip_reader.h"

namespace protext {

namespace {

using Kind = PickleValue::Kind;

// Thrown inside the interpreter; the archive turns it into an Error naming file and byte.
struct PickleError {
  std::string what;
};

PickleRef make(Kind kind) {
  auto value = std::make_shared<PickleValue>();
  value->kind = kind;
  return value;
}

PickleRef make_string(Kind kind, std::string text) {
  auto value = make(kind);
  value->text = std::move(text);
  return value;
}

// torch.save names a storage by its legacy typed class; the element type follows from it.
bool storage_dtype(const std::string& global, torch::ScalarType* dtype) {
  static const std::map<std::string, torch::ScalarType> kTypes = {
      {"torch.FloatStorage", torch::kFloat},         {"torch.DoubleStorage", torch::kDouble},
      {"torch.HalfStorage", torch::kHalf},           {"torch.BFloat16Storage", torch::kBFloat16},
      {"torch.LongStorage", torch::kLong},           {"torch.IntStorage", torch::kInt},
      {"torch.ShortStorage", torch::kShort},         {"torch.CharStorage", torch::kChar},
      {"torch.ByteStorage", torch::kByte},           {"torch.BoolStorage", torch::kBool},
      {"torch.ComplexFloatStorage", torch::kComplexFloat},
      {"torch.ComplexDoubleStorage", torch::kComplexDouble},
      {"torch.UntypedStorage", torch::kByte},
  };
  const auto found = kTypes.find(global);
  if (found == kTypes.end()) return false;
  *dtype = found->second;
  return true;
}

std::vector<int64_t> int_tuple(const PickleRef& value, const char* what) {
  if (value->kind != Kind::Tuple && value->kind != Kind::List) {
    throw PickleError{std::string("tensor ") + what + " is a " + value->describe() + ", expected a tuple"};
  }
  std::vector<int64_t> out;
  for (const PickleRef& item : value->items) {
    if (item->kind != Kind::Int) throw PickleError{std::string("tensor ") + what + " holds a non-integer"};
    out.push_back(item->integer);
  }
  return out;
}

// The pickle virtual machine (opcodes of protocols 0-5 that torch.save and LibTorch's
// pickler emit), building PickleValues. Unknown callables become opaque Objects.
class Interpreter {
 public:
  Interpreter(const char* data, size_t size, uint64_t budget) : data_(data), size_(size), budget_(budget) {}

  PickleRef run();
  size_t position() const { return pos_; }

 private:
  const char* data_;
  size_t size_;
  size_t pos_ = 0;
  uint64_t budget_;  // bytes of memory the interpreter may still hold (Limits)
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, PickleRef> memo_;

  // Every value, stack slot, memo entry and copied reference is paid for: a pickle of a few
  // kilobytes can otherwise ask for gigabytes by copying what it already built.
  void charge(uint64_t bytes) {
    if (bytes > budget_)
      throw PickleError{"the pickle builds more than this reader allows (a pickle bomb, or not a checkpoint)"};
    budget_ -= bytes;
  }
  PickleRef value(Kind kind) {
    charge(sizeof(PickleValue) + 32);
    return make(kind);
  }
  PickleRef value(Kind kind, std::string text) {
    charge(sizeof(PickleValue) + 32 + text.size());
    return make_string(kind, std::move(text));
  }

  const char* take(size_t n) {
    if (n > size_ - pos_) throw PickleError{"data ends inside an opcode"};
    const char* at = data_ + pos_;
    pos_ += n;
    return at;
  }
  uint64_t unsigned_le(size_t n) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(take(n));
    uint64_t value = 0;
    for (size_t i = 0; i < n; ++i) value |= uint64_t(bytes[i]) << (8 * i);
    return value;
  }
  std::string line() {
    const void* end = std::memchr(data_ + pos_, '\n', size_ - pos_);
    if (!end) throw PickleError{"data ends inside a text line"};
    const size_t n = static_cast<const char*>(end) - (data_ + pos_);
    std::string text(take(n), n);
    take(1);
    return text;
  }
  std::string counted(uint64_t n) {
    if (n > size_ - pos_) throw PickleError{"string of " + std::to_string(n) + " bytes runs past the end"};
    return std::string(take(size_t(n)), size_t(n));
  }

  PickleRef pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) {
      throw PickleError{"stack underflow"};
    }
    PickleRef value = std::move(stack_.back());
    stack_.pop_back();
    return value;
  }
  PickleRef& top() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) {
      throw PickleError{"stack underflow"};
    }
    return stack_.back();
  }
  std::vector<PickleRef> pop_to_mark() {
    if (marks_.empty()) throw PickleError{"no MARK to pop to"};
    const size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<PickleRef> items(std::make_move_iterator(stack_.begin() + mark),
                                 std::make_move_iterator(stack_.end()));
    stack_.resize(mark);
    return items;
  }
  // A checkpoint's pickle keeps a few dozen values on its stack and a few thousand in its
  // memo; these bounds are hundreds of times that, and refuse a nesting bomb early.
  static constexpr size_t kMaxStack = 65536, kMaxMarks = 65536, kMaxMemo = 1'000'000;
  void push(PickleRef v) {
    if (stack_.size() >= kMaxStack)
      throw PickleError{"the pickle holds more than " + std::to_string(kMaxStack) + " values at once (nested too deep?)"};
    charge(sizeof(PickleRef));
    stack_.push_back(std::move(v));
  }
  PickleRef tuple(std::vector<PickleRef> items) {
    auto v = value(Kind::Tuple);
    v->items = std::move(items);
    return v;
  }
  PickleRef integer(int64_t n) {
    auto v = value(Kind::Int);
    v->integer = n;
    return v;
  }
  void memo_put(uint64_t index) {
    if (memo_.size() >= kMaxMemo && !memo_.count(index))
      throw PickleError{"the pickle memoises more than " + std::to_string(kMaxMemo) + " values"};
    charge(64);
    memo_[index] = top();
  }
  PickleRef signed_long(size_t n) {
    if (n > 8) {
      take(n);  // Python ints wider than 64 bits: kept as an opaque value nobody reads.
      return value(Kind::Object, "int");
    }
    uint64_t bits = unsigned_le(n);
    if (n > 0 && n < 8 && (bits >> (8 * n - 1)) & 1) bits |= ~uint64_t(0) << (8 * n);
    return integer(int64_t(bits));
  }
  PickleRef memo_get(uint64_t index) {
    const auto found = memo_.find(index);
    if (found == memo_.end()) throw PickleError{"memo entry " + std::to_string(index) + " was never stored"};
    return found->second;
  }
  void set_items(PickleValue& target, std::vector<PickleRef> items) {
    if (items.size() % 2 != 0) throw PickleError{"SETITEMS with an odd number of values"};
    if (target.kind == Kind::Object) return;  // a Python object's own mapping: not needed
    if (target.kind != Kind::Dict) throw PickleError{"SETITEM on a " + target.describe()};
    charge(16 * items.size());
    for (size_t i = 0; i < items.size(); i += 2) target.entries.emplace_back(items[i], items[i + 1]);
  }
  void append_items(PickleValue& target, std::vector<PickleRef> items) {
    if (target.kind == Kind::Object) return;
    if (target.kind != Kind::List) throw PickleError{"APPEND on a " + target.describe()};
    for (PickleRef& item : items) target.items.push_back(std::move(item));
  }

  PickleRef call(PickleRef callable, PickleRef args);
  PickleRef persistent(const PickleRef& pid);
};

PickleRef Interpreter::persistent(const PickleRef& pid) {
  // torch.save's persistent id: ("storage", storage class, key, location, numel).
  if (pid->kind != Kind::Tuple || pid->items.size() < 5 || pid->items[0]->kind != Kind::String ||
      pid->items[0]->text != "storage") {
    throw PickleError{"persistent id is not a torch storage reference"};
  }
  const PickleRef& type = pid->items[1];
  const PickleRef& key = pid->items[2];
  const PickleRef& numel = pid->items[4];
  if (type->kind != Kind::Global || key->kind != Kind::String || numel->kind != Kind::Int || numel->integer < 0) {
    throw PickleError{"malformed storage reference"};
  }
  auto storage = value(Kind::Storage, key->text);
  storage->dtype_known = storage_dtype(type->text, &storage->dtype);
  storage->storage_numel = numel->integer;
  return storage;
}

PickleRef Interpreter::call(PickleRef callable, PickleRef args) {
  // Tensor subclasses are rebuilt as their base tensor: _rebuild_from_type_v2(func, type,
  // args, state) is func(*args), unwrapped in a loop, however long the chain.
  while (callable->kind == Kind::Global && callable->text == "torch._tensor._rebuild_from_type_v2") {
    if (args->kind != Kind::Tuple || args->items.size() < 3) throw PickleError{"malformed _rebuild_from_type_v2 arguments"};
    PickleRef inner_callable = args->items[0], inner_args = args->items[2];
    callable = std::move(inner_callable);
    args = std::move(inner_args);
  }
  if (args->kind != Kind::Tuple) throw PickleError{"REDUCE arguments are not a tuple"};
  const std::vector<PickleRef>& a = args->items;
  const std::string name = callable->kind == Kind::Global ? callable->text : std::string();
  if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
    if (a.size() < 4 || a[0]->kind != Kind::Storage || a[1]->kind != Kind::Int) {
      throw PickleError{"malformed " + name + " arguments"};
    }
    auto tensor = value(Kind::Tensor);
    tensor->items = {a[0]};
    tensor->dtype = a[0]->dtype;
    tensor->dtype_known = a[0]->dtype_known;
    tensor->offset = a[1]->integer;
    charge(16 * (a[2]->items.size() + a[3]->items.size()));
    tensor->sizes = int_tuple(a[2], "size");
    tensor->strides = int_tuple(a[3], "stride");
    if (tensor->sizes.size() != tensor->strides.size()) throw PickleError{"tensor size and stride differ in rank"};
    return tensor;
  }
  if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state" ||
      name == "torch.jit._pickle.restore_type_tag" || name.rfind("torch.jit._pickle.build_", 0) == 0) {
    if (a.empty()) throw PickleError{"missing arguments to " + name};
    return a[0];
  }
  if (name == "collections.OrderedDict" || name == "builtins.dict" || name == "__builtin__.dict" ||
      name == "collections.defaultdict") {
    auto dict = value(Kind::Dict);
    if (name != "collections.defaultdict" && !a.empty()) {
      if (a[0]->kind == Kind::Dict) {
        charge(32 * a[0]->entries.size());
        dict->entries = a[0]->entries;
      } else if (a[0]->kind == Kind::List || a[0]->kind == Kind::Tuple) {
        charge(32 * a[0]->items.size());
        for (const PickleRef& pair : a[0]->items) {
          if (pair->kind != Kind::Tuple || pair->items.size() != 2) throw PickleError{"dict built from non-pairs"};
          dict->entries.emplace_back(pair->items[0], pair->items[1]);
        }
      }
    }
    return dict;
  }
  auto object = value(Kind::Object, name.empty() ? callable->describe() : name);
  charge(16 * a.size());
  object->items = a;
  return object;
}

PickleRef Interpreter::run() {
  while (true) {
    const auto op = static_cast<unsigned char>(*take(1));
    switch (op) {
      case 0x80: take(1); break;   // PROTO
      case 0x95: take(8); break;   // FRAME: framing is only a read-ahead hint
      case '.': {                  // STOP
        PickleRef result = pop();
        if (!stack_.empty() || !marks_.empty()) throw PickleError{"values left on the stack at STOP"};
        return result;
      }
      case '(':
        if (marks_.size() >= kMaxMarks)
          throw PickleError{"the pickle nests more than " + std::to_string(kMaxMarks) + " MARKs"};
        marks_.push_back(stack_.size());
        break;
      case '0': pop(); break;
      case '1': pop_to_mark(); break;
      case '2': push(top()); break;
      case 'N': push(value(Kind::None)); break;
      case 0x88:
      case 0x89: {
        auto v = value(Kind::Bool);
        v->boolean = op == 0x88;
        push(v);
        break;
      }
      case 'J': push(integer(int32_t(uint32_t(unsigned_le(4))))); break;
      case 'K': push(integer(int64_t(unsigned_le(1)))); break;
      case 'M': push(integer(int64_t(unsigned_le(2)))); break;
      case 0x8a: push(signed_long(size_t(unsigned_le(1)))); break;
      case 0x8b: {
        const uint64_t n = unsigned_le(4);
        if (n > size_ - pos_) throw PickleError{"LONG4 runs past the end"};
        push(signed_long(size_t(n)));
        break;
      }
      case 'I':
      case 'L': {
        std::string text = line();
        if (!text.empty() && text.back() == 'L') text.pop_back();
        if (op == 'I' && (text == "00" || text == "01")) {
          auto v = value(Kind::Bool);
          v->boolean = text == "01";
          push(v);
          break;
        }
        try {
          push(integer(std::stoll(text)));
        } catch (const std::exception&) {
          throw PickleError{"bad integer literal '" + text + "'"};
        }
        break;
      }
      case 'G': {
        uint64_t bits = 0;
        const auto* bytes = reinterpret_cast<const unsigned char*>(take(8));
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | bytes[i];  // big-endian
        auto v = value(Kind::Float);
        std::memcpy(&v->real, &bits, sizeof bits);
        push(v);
        break;
      }
      case 'F': {
        const std::string text = line();
        auto v = value(Kind::Float);
        try {
          v->real = std::stod(text);
        } catch (const std::exception&) {
          throw PickleError{"bad float literal '" + text + "'"};
        }
        push(v);
        break;
      }
      case 'X': push(value(Kind::String, counted(unsigned_le(4)))); break;
      case 0x8c: push(value(Kind::String, counted(unsigned_le(1)))); break;
      case 0x8d: push(value(Kind::String, counted(unsigned_le(8)))); break;
      case 'T': push(value(Kind::Bytes, counted(unsigned_le(4)))); break;
      case 'U': push(value(Kind::Bytes, counted(unsigned_le(1)))); break;
      case 'B': push(value(Kind::Bytes, counted(unsigned_le(4)))); break;
      case 'C': push(value(Kind::Bytes, counted(unsigned_le(1)))); break;
      case 0x8e:
      case 0x96: push(value(Kind::Bytes, counted(unsigned_le(8)))); break;
      case ')': push(tuple({})); break;
      case 't': push(tuple(pop_to_mark())); break;
      case 0x85:
      case 0x86:
      case 0x87: {
        std::vector<PickleRef> items(op - 0x84);
        for (size_t i = items.size(); i-- > 0;) items[i] = pop();
        push(tuple(std::move(items)));
        break;
      }
      case ']':
      case 0x8f: push(value(Kind::List)); break;  // sets read as lists
      case 'l':
      case 0x91: {
        auto list = value(Kind::List);
        list->items = pop_to_mark();
        push(list);
        break;
      }
      case 'a': {
        PickleRef item = pop();
        append_items(*top(), {std::move(item)});
        break;
      }
      case 'e':
      case 0x90: {
        std::vector<PickleRef> items = pop_to_mark();
        append_items(*top(), std::move(items));
        break;
      }
      case '}': push(value(Kind::Dict)); break;
      case 'd': {
        auto dict = value(Kind::Dict);
        set_items(*dict, pop_to_mark());
        push(dict);
        break;
      }
      case 's': {
        PickleRef value = pop();
        PickleRef key = pop();
        set_items(*top(), {std::move(key), std::move(value)});
        break;
      }
      case 'u': {
        std::vector<PickleRef> items = pop_to_mark();
        set_items(*top(), std::move(items));
        break;
      }
      case 'c': {
        std::string module = line();
        std::string name = line();
        push(value(Kind::Global, module + "." + name));
        break;
      }
      case 0x93: {
        PickleRef name = pop();
        PickleRef module = pop();
        if (module->kind != Kind::String || name->kind != Kind::String) throw PickleError{"STACK_GLOBAL of non-strings"};
        push(value(Kind::Global, module->text + "." + name->text));
        break;
      }
      case 'R': {
        PickleRef args = pop();
        PickleRef callable = pop();
        push(call(callable, args));
        break;
      }
      case 0x81: {
        PickleRef args = pop();
        PickleRef cls = pop();
        auto object = value(Kind::Object, cls->kind == Kind::Global ? cls->text : cls->describe());
        if (args->kind == Kind::Tuple) {
          charge(16 * args->items.size());
          object->items = args->items;
        }
        push(object);
        break;
      }
      case 0x92: {
        pop();  // kwargs
        PickleRef args = pop();
        PickleRef cls = pop();
        auto object = value(Kind::Object, cls->kind == Kind::Global ? cls->text : cls->describe());
        if (args->kind == Kind::Tuple) {
          charge(16 * args->items.size());
          object->items = args->items;
        }
        push(object);
        break;
      }
      case 'b': {
        // An object's state. A dict (a TorchScript module's attributes) is kept as the
        // object's entries; anything else (a tensor's Python attributes) is not needed.
        PickleRef state = pop();
        PickleValue& target = *top();
        if (target.kind == Kind::Object && state->kind == Kind::Dict) {
          charge(32 * state->entries.size());
          target.entries.insert(target.entries.end(), state->entries.begin(), state->entries.end());
        }
        break;
      }
      case 'q': memo_put(unsigned_le(1)); break;
      case 'r': memo_put(unsigned_le(4)); break;
      case 0x94: memo_put(memo_.size()); break;
      case 'p': {
        const std::string text = line();
        try {
          memo_put(std::stoull(text));
        } catch (const std::logic_error&) {
          throw PickleError{"bad memo index '" + text + "'"};
        }
        break;
      }
      case 'h': push(memo_get(unsigned_le(1))); break;
      case 'j': push(memo_get(unsigned_le(4))); break;
      case 'g': {
        const std::string text = line();
        uint64_t index = 0;
        try {
          index = std::stoull(text);
        } catch (const std::logic_error&) {
          throw PickleError{"bad memo index '" + text + "'"};
        }
        push(memo_get(index));
        break;
      }
      case 'Q': push(persistent(pop())); break;
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        throw PickleError{std::string("unsupported pickle opcode ") + hex};
      }
    }
  }
}


}  // namespace

PickleValue::~PickleValue() {
  // Children whose last owner is going are emptied into a work list before they die, so no
  // destructor ever runs inside another: the depth of the tree costs no stack.
  std::vector<PickleRef> pending;
  auto adopt = [&pending](PickleValue& v) {
    for (PickleRef& item : v.items) pending.push_back(std::move(item));
    for (auto& [key, val] : v.entries) {
      pending.push_back(std::move(key));
      pending.push_back(std::move(val));
    }
    v.items.clear();
    v.entries.clear();
  };
  adopt(*this);
  while (!pending.empty()) {
    PickleRef next = std::move(pending.back());
    pending.pop_back();
    if (next && next.use_count() == 1) adopt(*next);
  }
}

PickleRef PickleValue::find(const std::string& key) const {
  for (const auto& [k, v] : entries) {
    if (k->kind == Kind::String && k->text == key) return v;
  }
  return nullptr;
}

std::string PickleValue::describe() const {
  switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::Bytes: return "bytes";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Global: return "class " + text;
    case Kind::Object: return text.substr(text.rfind('.') + 1);
    case Kind::Storage: return "storage";
    case Kind::Tensor: return "tensor";
  }
  return "value";
}

TorchSaveArchive::TorchSaveArchive(const std::string& path) : TorchSaveArchive(path, Limits()) {}

TorchSaveArchive::TorchSaveArchive(const std::string& path, const Limits& limits) : path_(path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) throw Error(path, "no such file");
  if (!std::filesystem::is_regular_file(status)) throw Error(path, "not a regular file");
  const auto bytes = std::filesystem::file_size(path, error);
  if (error) throw Error(path, "cannot read its size: " + error.message());
  if (bytes == 0) throw Error(path, "empty file (0 bytes), not a torch.save archive");

  {
    // Before torch 1.6, torch.save wrote a bare pickle stream (magic number first).
    std::FILE* file = std::fopen(path.c_str(), "rb");
    const int first = file ? std::fgetc(file) : EOF;
    if (file) std::fclose(file);
    if (first == 0x80) {
      throw Error(path, "legacy (pre-1.6) torch.save format, not a zip archive: re-save it with "
                        "torch.save under torch >= 1.6");
    }
  }
  try {
    zip_ = std::make_unique<ZipReader>(path);
  } catch (const Error& e) {
    std::string reason = e.what();
    if (reason.rfind(path + ": ", 0) == 0) reason.erase(0, path.size() + 2);
    throw Error(path, "not a torch.save zip archive (torch >= 1.6 format): " + reason);
  }
  if (!zip_->has("data.pkl")) throw Error(path, "zip archive without data.pkl, not a torch.save file");
  // Twice the file: a view may be read once as a weight and once more where it is shared.
  tensor_budget_ = 2 * zip_->file_size() + limits.tensor_bytes_over_file;
  const std::string pickle = zip_->read("data.pkl", limits.pickle_bytes);
  Interpreter interpreter(pickle.data(), pickle.size(), limits.interpreter_bytes);
  try {
    root_ = interpreter.run();
  } catch (const PickleError& e) {
    throw Error(path, "data.pkl byte " + std::to_string(interpreter.position()) + ": " + e.what);
  }
}

TorchSaveArchive::~TorchSaveArchive() = default;

torch::Tensor TorchSaveArchive::tensor(const PickleValue& value, const std::string& what) const {
  if (value.kind != Kind::Tensor) throw Error(path_, what + " is a " + value.describe() + ", not a tensor");
  const PickleValue& storage = *value.items.at(0);
  if (!value.dtype_known) throw Error(path_, what + " has a storage type this reader does not know");
  const auto element = int64_t(c10::elementSize(value.dtype));

  // The furthest element the view touches must lie inside the storage, and the storage
  // inside its record, or the read would go past them.
  int64_t numel = 1;
  int64_t last = value.offset;
  for (size_t d = 0; d < value.sizes.size(); ++d) {
    if (value.sizes[d] < 0 || value.strides[d] < 0) throw Error(path_, what + " has a negative size or stride");
    int64_t reach = 0;
    if (__builtin_mul_overflow(numel, value.sizes[d], &numel) ||
        (value.sizes[d] > 0 && (__builtin_mul_overflow(value.sizes[d] - 1, value.strides[d], &reach) ||
                                __builtin_add_overflow(last, reach, &last)))) {
      throw Error(path_, what + " has a shape whose extent overflows");
    }
  }
  if (value.offset < 0 || (numel > 0 && last >= storage.storage_numel)) {
    throw Error(path_, what + " reaches element " + std::to_string(last) + " of a storage of " +
                           std::to_string(storage.storage_numel));
  }
  const std::string record_name = "data/" + storage.text;
  const ZipReader::Record& record = zip_->stored(record_name);
  int64_t storage_bytes = 0;
  if (__builtin_mul_overflow(storage.storage_numel, element, &storage_bytes) ||
      uint64_t(storage_bytes) > record.size) {
    throw Error(path_, what + ": record " + record_name + " holds " + std::to_string(record.size) +
                           " bytes, fewer than its storage of " + std::to_string(storage.storage_numel) +
                           " elements needs");
  }
  if (numel == 0) return torch::empty(value.sizes, torch::TensorOptions().dtype(value.dtype));
  // Only the bytes the view spans are read: a small view of a large storage stays small.
  const uint64_t first_byte = uint64_t(value.offset) * uint64_t(element);
  const uint64_t span = (uint64_t(last) - uint64_t(value.offset) + 1) * uint64_t(element);
  if (span > tensor_budget_ - std::min(tensor_budget_, tensor_bytes_read_))
    throw Error(path_, what + ": the archive's tensors add up to more bytes than the file could hold "
                              "(views of one storage repeated?)");
  tensor_bytes_read_ += span;
  auto bytes = torch::empty({int64_t(span)}, torch::TensorOptions().dtype(torch::kByte));
  zip_->read_at(record, first_byte, bytes.data_ptr(), span);
  return torch::from_blob(bytes.data_ptr(), value.sizes, value.strides, torch::TensorOptions().dtype(value.dtype))
      .clone(at::MemoryFormat::Contiguous);
}

}  // namespace protext
