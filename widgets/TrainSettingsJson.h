#pragma once
#include <QJsonObject>

#include "widgets/EngineTypes.h"

namespace protext {

// Training settings as they are kept in a .protext project. Fields missing from the JSON
// keep their defaults, so older projects open.
QJsonObject trainSettingsToJson(const TrainSettings& settings);
TrainSettings trainSettingsFromJson(const QJsonObject& json);

}  // namespace protext
