#pragma once
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "core/zeroshot/method_set.h"

namespace protext::cli {

// --template, --templates, --descriptions, --prompts: the inputs of the four methods,
// shared by classify and eval so both build the classifiers the app builds.
std::vector<Option> method_options();
// Reads the files the options name; warnings (a checkpoint made on another CLIP) go to stderr.
MethodInputs method_inputs(const Args& args, ClipModel& model, const std::vector<std::string>& classes);
// build_method_set() with its notes printed as warnings.
MethodSet build_methods(const Args& args, ClipModel& model, const std::vector<std::string>& classes);
MethodSet build_methods(ClipModel& model, const MethodInputs& inputs);

}  // namespace protext::cli
