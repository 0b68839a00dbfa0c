#include "widgets/panels/TrainingSettingsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/panels/TrainingPanel.h"

// The form is a private piece of the Training panel: its strings keep the panel's
// translation context (TrainingPanel::tr), where the translations of them live.
namespace protext {
namespace {

// Learning rates span 1e-5 … 0.1: shown as "0.03" and "0.0025", not "0.030000".
class RateSpinBox : public QDoubleSpinBox {
 public:
  using QDoubleSpinBox::QDoubleSpinBox;
  QString textFromValue(double value) const override { return locale().toString(value, 'g', 6); }
  double valueFromText(const QString& text) const override { return locale().toDouble(text); }
  QValidator::State validate(QString& text, int&) const override {
    bool ok = false;
    const double value = locale().toDouble(text, &ok);
    if (!ok) return QValidator::Intermediate;
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
  }
};

void selectData(QComboBox* combo, const QString& value) {
  const int index = combo->findData(value);
  if (index >= 0) combo->setCurrentIndex(index);
}

}  // namespace

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trainingSettingsForm"));
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 4, 0);
  column->addWidget(buildOptimisation());
  column->addWidget(buildPrompts());
  column->addStretch();

  auto edited = [this] {
    if (!applying_) emit changed();
  };
  for (QSpinBox* spin : {epochs_, steps_, batch_, n_ctx_, depth_, seed_})
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, edited);
  for (QDoubleSpinBox* spin : {lr_, weight_decay_})
    connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, edited);
  for (QCheckBox* box : {full_batch_, shuffle_}) connect(box, &QCheckBox::toggled, this, edited);
  for (QComboBox* combo : {schedule_, loss_})
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, edited);
  connect(template_, &QLineEdit::textChanged, this, edited);
  connect(full_batch_, &QCheckBox::toggled, this, [this](bool on) { batch_->setEnabled(!on); });
  setConfig(config_);
}

QWidget* TrainingSettingsForm::buildOptimisation() {
  auto* box = new QGroupBox(TrainingPanel::tr("Optimisation"), this);
  auto* form = new QFormLayout(box);
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  epochs_ = new QSpinBox(box);
  epochs_->setObjectName(QStringLiteral("epochsSpin"));
  epochs_->setRange(1, 100000);
  epochs_->setToolTip(TrainingPanel::tr("Passes over all description pairs; the learning-rate schedule spans them"));
  steps_ = new QSpinBox(box);
  steps_->setObjectName(QStringLiteral("stepsSpin"));
  steps_->setRange(0, 100000000);
  steps_->setSpecialValueText(TrainingPanel::tr("by epochs"));
  steps_->setToolTip(TrainingPanel::tr("Stop after this many optimiser steps; 0 runs all the epochs"));
  batch_ = new QSpinBox(box);
  batch_->setObjectName(QStringLiteral("batchSizeSpin"));
  batch_->setRange(1, 1000000);
  batch_->setToolTip(TrainingPanel::tr("Description pairs per optimiser step"));
  full_batch_ = new QCheckBox(TrainingPanel::tr("Full batch"), box);
  full_batch_->setObjectName(QStringLiteral("fullBatchCheck"));
  full_batch_->setToolTip(TrainingPanel::tr("One step per epoch over all pairs (overrides the batch size)"));
  shuffle_ = new QCheckBox(TrainingPanel::tr("Shuffle"), box);
  shuffle_->setObjectName(QStringLiteral("shuffleCheck"));
  shuffle_->setToolTip(TrainingPanel::tr("A new order of the pairs every epoch (fixed by the seed)"));
  auto* batch_row = new QHBoxLayout;
  batch_row->addWidget(batch_, 1);
  batch_row->addWidget(full_batch_);
  lr_ = new RateSpinBox(box);
  lr_->setObjectName(QStringLiteral("learningRateSpin"));
  lr_->setDecimals(8);
  lr_->setRange(1e-7, 10);
  lr_->setSingleStep(0.0005);
  lr_->setToolTip(TrainingPanel::tr("Peak learning rate of AdamW"));
  weight_decay_ = new RateSpinBox(box);
  weight_decay_->setObjectName(QStringLiteral("weightDecaySpin"));
  weight_decay_->setDecimals(8);
  weight_decay_->setRange(0, 10);
  weight_decay_->setSingleStep(0.01);
  weight_decay_->setToolTip(TrainingPanel::tr("AdamW's decoupled weight decay"));
  schedule_ = new QComboBox(box);
  schedule_->setObjectName(QStringLiteral("scheduleCombo"));
  schedule_->addItem(TrainingPanel::tr("Reference (warm-up, cosine)"), QStringLiteral("reference"));
  schedule_->addItem(TrainingPanel::tr("Constant"), QStringLiteral("constant"));
  schedule_->addItem(TrainingPanel::tr("Cosine"), QStringLiteral("cosine"));
  // As wide as the form allows, not as the longest item: it elides rather than widen the panel.
  schedule_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  schedule_->setMinimumContentsLength(12);
  schedule_->setToolTip(
      TrainingPanel::tr("Reference: 5 warm-up epochs at 1e-5, then cosine decay, as the released configs"));
  loss_ = new QComboBox(box);
  loss_->setObjectName(QStringLiteral("lossCombo"));
  loss_->addItem(TrainingPanel::tr("L1 (mean absolute error)"), QStringLiteral("l1"));
  loss_->addItem(TrainingPanel::tr("MSE (mean squared error)"), QStringLiteral("mse"));
  loss_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  loss_->setMinimumContentsLength(12);
  loss_->setToolTip(TrainingPanel::tr("Distance between the prompted class embedding and its description's embedding"));
  form->addRow(TrainingPanel::tr("Epochs:"), epochs_);
  form->addRow(TrainingPanel::tr("Steps:"), steps_);
  form->addRow(TrainingPanel::tr("Batch size:"), batch_row);
  form->addRow(QString(), shuffle_);
  form->addRow(TrainingPanel::tr("Learning rate:"), lr_);
  form->addRow(TrainingPanel::tr("Weight decay:"), weight_decay_);
  form->addRow(TrainingPanel::tr("Schedule:"), schedule_);
  form->addRow(TrainingPanel::tr("Loss:"), loss_);
  return box;
}

QWidget* TrainingSettingsForm::buildPrompts() {
  auto* box = new QGroupBox(TrainingPanel::tr("Prompts"), this);
  auto* form = new QFormLayout(box);
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  n_ctx_ = new QSpinBox(box);
  n_ctx_->setObjectName(QStringLiteral("contextLengthSpin"));
  n_ctx_->setRange(1, 64);
  n_ctx_->setToolTip(TrainingPanel::tr("Learned context vectors per prompt (4 start from \"a photo of a\")"));
  depth_ = new QSpinBox(box);
  depth_->setObjectName(QStringLiteral("depthSpin"));
  depth_->setRange(1, kUnknownMaxDepth);
  depth_->setToolTip(TrainingPanel::tr("Text layers that get their own prompts; 1 prompts the input only"));
  template_ = new QLineEdit(box);
  template_->setObjectName(QStringLiteral("templateEdit"));
  template_->setToolTip(TrainingPanel::tr("The class-name sentence the prompts replace; {} stands for the class name"));
  seed_ = new QSpinBox(box);
  seed_->setObjectName(QStringLiteral("seedSpin"));
  seed_->setRange(0, 2147483647);
  seed_->setToolTip(
      TrainingPanel::tr("Fixes the initial prompts and the shuffling: the same seed repeats a run exactly"));
  form->addRow(TrainingPanel::tr("Context length:"), n_ctx_);
  form->addRow(TrainingPanel::tr("Depth:"), depth_);
  form->addRow(TrainingPanel::tr("Template:"), template_);
  form->addRow(TrainingPanel::tr("Seed:"), seed_);
  return box;
}

TrainConfig TrainingSettingsForm::config() const {
  TrainConfig c = config_;
  c.epochs = epochs_->value();
  c.steps = steps_->value();
  c.batch_size = batch_->value();
  c.full_batch = full_batch_->isChecked();
  c.shuffle = shuffle_->isChecked();
  c.lr = lr_->value();
  c.weight_decay = weight_decay_->value();
  c.schedule = schedule_->currentData().toString().toStdString();
  c.loss = loss_->currentData().toString().toStdString();
  c.prompts.n_ctx = n_ctx_->value();
  c.prompts.depth = depth_->value();
  c.text_template = template_->text().toStdString();
  c.seed = static_cast<uint64_t>(seed_->value());
  return c;
}

void TrainingSettingsForm::setConfig(const TrainConfig& c) {
  applying_ = true;
  config_ = c;
  epochs_->setValue(c.epochs);
  steps_->setValue(int(qMin<int64_t>(c.steps, steps_->maximum())));
  batch_->setValue(c.batch_size);
  full_batch_->setChecked(c.full_batch);
  shuffle_->setChecked(c.shuffle);
  lr_->setValue(c.lr);
  weight_decay_->setValue(c.weight_decay);
  selectData(schedule_, QString::fromStdString(c.schedule));
  selectData(loss_, QString::fromStdString(c.loss));
  n_ctx_->setValue(int(qMin<int64_t>(c.prompts.n_ctx, n_ctx_->maximum())));
  depth_->setValue(int(qMin<int64_t>(c.prompts.depth, depth_->maximum())));
  template_->setText(QString::fromStdString(c.text_template));
  seed_->setValue(int(qMin<uint64_t>(c.seed, uint64_t(seed_->maximum()))));
  batch_->setEnabled(!c.full_batch);
  applying_ = false;
  emit changed();
}

int TrainingSettingsForm::maxDepth() const { return depth_->maximum(); }

void TrainingSettingsForm::setMaxDepth(int layers) {
  depth_->setMaximum(layers > 0 ? layers : kUnknownMaxDepth);  // QSpinBox lowers a larger value itself
  depth_->setToolTip(layers > 0 ? TrainingPanel::tr("Text layers that get their own prompts; 1 prompts the input only. "
                                                    "This model's text tower has %1 layers.")
                                      .arg(layers)
                                : TrainingPanel::tr("Text layers that get their own prompts; 1 prompts the input only"));
}

}  // namespace protext
