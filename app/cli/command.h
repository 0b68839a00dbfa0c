#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace protext::cli {

struct Option {
  std::string name;   // without the leading "--"
  std::string value;  // placeholder such as "PATH"; empty for a flag
  std::string help;
};

class Args;

// One subcommand: `protext <name> ...`. Each lives in its own cmd_<name>.cpp.
struct Command {
  std::string name;
  std::string summary;
  std::string positionals;  // e.g. "TEXT..." for the usage line; empty if none
  std::vector<Option> options;
  int (*run)(const Args&);
};

// Parsed command line of one subcommand. Unknown options and missing values are
// errors (protext::Error), so a typo never silently falls back to a default.
class Args {
 public:
  Args(const Command& command, const std::vector<std::string>& argv);

  bool has(const std::string& name) const;
  std::string get(const std::string& name, const std::string& fallback = "") const;
  std::string require(const std::string& name) const;
  int get_int(const std::string& name, int fallback) const;
  double get_double(const std::string& name, double fallback) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  const Command& command_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

std::string usage(const Command& command);

}  // namespace protext::cli

namespace protext::cli {

// Commands register themselves, so a build without image support simply leaves the
// image commands' files out.
std::map<std::string, const Command*>& commands();

struct CommandRegistration {
  explicit CommandRegistration(const Command& command) { commands()[command.name] = &command; }
};

}  // namespace protext::cli
