// protext: the command-line front of the core. JSON Lines on stdout, one object per
// input; errors on stderr with a non-zero exit.
#include <cstdio>
#include <iostream>

#include "app/cli/command.h"
#include "core/error.h"
#include "core/runtime/omp_waits.h"
#include "core/runtime/threads.h"

namespace protext::cli {
std::map<std::string, const Command*>& commands() {
  static std::map<std::string, const Command*> registry;
  return registry;
}
}  // namespace protext::cli

namespace {

void print_overview() {
  std::cout << "usage: protext <command> [options]\n\ncommands:\n";
  for (const auto& [name, command] : protext::cli::commands()) {
    std::string left = "  " + name;
    if (left.size() < 18) left.resize(18, ' ');
    std::cout << left << command->summary << '\n';
  }
  std::cout << "\n`protext <command> --help` describes one command.\n";
}

}  // namespace

int main(int argc, char** argv) {
  protext::ensure_passive_omp_waits(argv);  // first: it may execute the program again
  using namespace protext::cli;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_overview();
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  auto it = commands().find(name);
  if (it == commands().end()) {
    std::cerr << "protext: unknown command '" << name << "' (see protext --help)\n";
    return 2;
  }
  const Command& command = *it->second;
  std::vector<std::string> rest(argv + 2, argv + argc);
  for (const auto& arg : rest) {
    if (arg == "--help" || arg == "-h") {
      std::cout << usage(command);
      return 0;
    }
  }
  try {
    protext::configure_threads();
    Args args(command, rest);
    return command.run(args);
  } catch (const std::exception& e) {
    std::cerr << "protext " << name << ": " << protext::error_message(e) << '\n';
    return 1;
  }
}
