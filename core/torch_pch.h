// Precompiled for every LibTorch-using target: parsing these headers is most of a
// translation unit's compile time.
#pragma once
#include <torch/torch.h>
#include <torch/script.h>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
