#pragma once
#include <QWidget>

#include "core/protext/train_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace protext {

// The Training panel's editors of one run's hyper-parameters: optimisation (epochs, steps,
// batch, learning rate, schedule, loss) and prompts (context length, depth, template, seed).
// It holds a whole core TrainConfig: fields it has no editor for (β, ε, precision, the
// initialisation text) pass through from setConfig() to config() unchanged.
class TrainingSettingsForm : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kUnknownMaxDepth = 24;  // before a model says how deep its text tower is

  explicit TrainingSettingsForm(QWidget* parent = nullptr);

  TrainConfig config() const;
  void setConfig(const TrainConfig& config);  // emits changed() once

  // The text tower's layer count bounds the depth editor (lowering a larger value);
  // 0: unknown.
  void setMaxDepth(int layers);
  int maxDepth() const;

 signals:
  void changed();

 private:
  QWidget* buildOptimisation();
  QWidget* buildPrompts();

  TrainConfig config_;  // what setConfig() gave, for the fields without an editor
  bool applying_ = false;

  QSpinBox* epochs_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QCheckBox* full_batch_ = nullptr;
  QCheckBox* shuffle_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QDoubleSpinBox* weight_decay_ = nullptr;
  QComboBox* schedule_ = nullptr;
  QComboBox* loss_ = nullptr;
  QSpinBox* n_ctx_ = nullptr;
  QSpinBox* depth_ = nullptr;
  QLineEdit* template_ = nullptr;
  QSpinBox* seed_ = nullptr;
};

}  // namespace protext
