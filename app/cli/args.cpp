#include <sstream>

#include "app/cli/command.h"
#include "core/error.h"

namespace protext::cli {

Args::Args(const Command& command, const std::vector<std::string>& argv) : command_(command) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      positionals_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    const auto eq = name.find('=');
    bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Option* option = nullptr;
    for (const Option& o : command.options)
      if (o.name == name) option = &o;
    if (!option) throw Error("protext " + command.name, "unknown option --" + name + " (see --help)");
    if (option->value.empty()) {
      if (inline_value) throw Error("protext " + command.name, "--" + name + " takes no value");
      values_[name] = "1";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argv.size())
        throw Error("protext " + command.name, "--" + name + " needs a value " + option->value);
      value = argv[++i];
    }
    values_[name] = value;
  }
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::string Args::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::string Args::require(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw Error("protext " + command_.name, "--" + name + " is required");
  return it->second;
}

int Args::get_int(const std::string& name, int fallback) const {
  if (!has(name)) return fallback;
  const std::string text = get(name);
  size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty())
    throw Error("protext " + command_.name, "--" + name + " expects an integer, got '" + text + "'");
  return value;
}

double Args::get_double(const std::string& name, double fallback) const {
  if (!has(name)) return fallback;
  const std::string text = get(name);
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty())
    throw Error("protext " + command_.name, "--" + name + " expects a number, got '" + text + "'");
  return value;
}

std::string usage(const Command& command) {
  std::ostringstream out;
  out << "usage: protext " << command.name << " [options]";
  if (!command.positionals.empty()) out << ' ' << command.positionals;
  out << "\n\n" << command.summary << "\n\noptions:\n";
  for (const Option& o : command.options) {
    std::string left = "  --" + o.name + (o.value.empty() ? "" : " " + o.value);
    if (left.size() < 28) left.resize(28, ' ');
    else left += "\n" + std::string(28, ' ');
    out << left << o.help << '\n';
  }
  out << "  --help                    show this help\n";
  return out.str();
}

}  // namespace protext::cli
