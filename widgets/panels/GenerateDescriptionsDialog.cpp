#include "widgets/panels/GenerateDescriptionsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include "widgets/common/ApiKeyStore.h"
#include "widgets/common/ClassFiles.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/engine/DescriptionService.h"

namespace protext {

GenerateDescriptionsDialog::GenerateDescriptionsDialog(const QStringList& classes, QWidget* parent)
    : QDialog(parent), classes_(classes) {
  setWindowTitle(tr("Generate Descriptions"));
  service_ = new DescriptionService(this);
  source_ = new QComboBox(this);
  source_->addItem(tr("WordNet (offline)"), QStringLiteral("wordnet"));
  source_->setToolTip(tr("WordNet 3.0 on this computer: what each class is a kind of, its definition, other "
                         "names and parts. Classes it does not know are left out, never invented."));
  const StudioSettings settings;
  if (!settings.llmEndpoint().isEmpty() && !settings.llmModel().isEmpty()) {
    source_->addItem(tr("LLM server: %1 at %2").arg(settings.llmModel(), settings.llmEndpoint()), QStringLiteral("llm"));
  } else {
    source_->addItem(tr("LLM server (set one in Preferences)"), QStringLiteral("llm"));
    // Shown, so the option is known; not choosable until a server is set.
    if (auto* items = qobject_cast<QStandardItemModel*>(source_->model())) items->item(1)->setEnabled(false);
  }
  connect(source_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    if (source_->currentData().toString() != QLatin1String("llm")) {
      service_->setLlm({}, {});
      if (!service_->running()) generate();
      return;
    }
    // The key is read when the server is chosen, so a key saved in Preferences meanwhile
    // is the one sent.
    const StudioSettings settings;
    status_->setText(tr("Reading the API key from the system keychain…"));
    ApiKeyStore::read(settings.llmEndpoint(), this, [this](const ApiKeyStore::Key& key) {
      if (source_->currentData().toString() != QLatin1String("llm")) return;  // chosen away meanwhile
      const StudioSettings settings;
      service_->setLlm(settings.llmEndpoint(), settings.llmModel(),
                       settings.useCache() ? settings.cacheDir() + QStringLiteral("/llm-answers") : QString(),
                       key.value);
      if (!service_->running()) generate();
    });
  });
  auto* sourceLabel = new QLabel(tr("&Source:"), this);
  sourceLabel->setBuddy(source_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, std::max<int>(1, classes.size()));
  cancel_run_ = new QPushButton(tr("Stop"), this);
  cancel_run_->setToolTip(tr("Stop generating; the classes described so far stay"));
  connect(cancel_run_, &QPushButton::clicked, service_, &DescriptionService::cancel);

  list_ = new QListWidget(this);
  list_->setToolTip(tr("Untick a class to leave its descriptions as they are"));
  editor_ = new QPlainTextEdit(this);
  editor_->setPlaceholderText(tr("One description per line"));
  editor_->setToolTip(tr("Edit before applying: one description per line"));
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  note_->setStyleSheet(QStringLiteral("color: #6e6e6e;"));
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(editor_, 1);
  rightLayout->addWidget(note_);
  auto* split = new QSplitter(this);
  split->addWidget(list_);
  split->addWidget(right);
  split->setStretchFactor(1, 2);
  split->setChildrenCollapsible(false);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
  applyButton()->setEnabled(false);
  connect(applyButton(), &QPushButton::clicked, this, [this] {
    keepEdits();
    accept();
  });
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* top = new QHBoxLayout;
  top->addWidget(sourceLabel);
  top->addWidget(source_, 1);
  auto* run = new QHBoxLayout;
  run->addWidget(progress_, 1);
  run->addWidget(cancel_run_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addLayout(run);
  layout->addWidget(status_);
  layout->addWidget(split, 1);
  layout->addWidget(buttons_);
  resize(720, 480);

  connect(service_, &DescriptionService::progress, this, [this](int done, int total) {
    progress_->setMaximum(total);
    progress_->setValue(done);
  });
  connect(service_, &DescriptionService::finished, this, &GenerateDescriptionsDialog::onFinished);
  connect(list_, &QListWidget::currentRowChanged, this, [this] {
    keepEdits();
    showCurrent();
  });
  connect(this, &QDialog::rejected, service_, &DescriptionService::cancel);
  generate();
}

QPushButton* GenerateDescriptionsDialog::applyButton() const { return buttons_->button(QDialogButtonBox::Apply); }

bool GenerateDescriptionsDialog::isGenerating() const { return service_->running(); }

void GenerateDescriptionsDialog::generate() {
  status_->setText(tr("Describing %n classes…", nullptr, int(classes_.size())));
  cancel_run_->setEnabled(true);
  progress_->setValue(0);
  service_->start(classes_);
}

void GenerateDescriptionsDialog::onFinished(const DescribedClasses& result) {
  cancel_run_->setEnabled(false);
  if (!result.error.isEmpty()) {
    status_->setText(service_->usesLlm() ? tr("The LLM server gave no descriptions: %1").arg(result.error)
                                         : tr("WordNet cannot be read: %1").arg(result.error));
    emit generated();
    return;
  }
  shown_.clear();  // the editor holds the last run's sentences; they must not overwrite these
  descriptions_ = result.descriptions;
  unknown_ = result.unknown;
  notes_ = result.notes;
  list_->clear();
  for (const QString& name : classes_) {
    auto* item = new QListWidgetItem(name, list_);
    if (descriptions_.contains(name)) {
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
      item->setCheckState(Qt::Checked);
    } else {
      item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
      item->setText(service_->usesLlm() ? tr("%1 (no answer)").arg(name) : tr("%1 (not in WordNet)").arg(name));
      item->setForeground(QColor(140, 140, 140));
      item->setData(Qt::UserRole, true);  // unknown
    }
    item->setData(Qt::UserRole + 1, name);
  }
  QString text = result.cancelled ? tr("Stopped: %n classes described.", nullptr, int(descriptions_.size()))
                                  : tr("%n classes described.", nullptr, int(descriptions_.size()));
  if (!unknown_.isEmpty())
    text += QLatin1Char(' ') + (service_->usesLlm() ? tr("No answer for %n of them; they are left out.", nullptr,
                                                         int(unknown_.size()))
                                                    : tr("WordNet does not know %n of them; they are left out.",
                                                         nullptr, int(unknown_.size())));
  status_->setText(text);
  applyButton()->setEnabled(!descriptions_.isEmpty());
  if (list_->count() > 0) list_->setCurrentRow(0);
  emit generated();
}

void GenerateDescriptionsDialog::showCurrent() {
  const QListWidgetItem* item = list_->currentItem();
  shown_ = item ? item->data(Qt::UserRole + 1).toString() : QString();
  const bool known = descriptions_.contains(shown_);
  editor_->setEnabled(known);
  editor_->setPlainText(known ? descriptions_.value(shown_).join(QLatin1Char('\n')) : QString());
  note_->setText(known                ? notes_.value(shown_)
                 : service_->usesLlm() ? tr("The server gave no answer for this class; try again, or type "
                                            "descriptions in the Classes panel.")
                                       : tr("WordNet has no entry for this name; type descriptions in the "
                                            "Classes panel, or try another spelling."));
}

void GenerateDescriptionsDialog::keepEdits() {
  if (shown_.isEmpty() || !descriptions_.contains(shown_)) return;
  QStringList lines;
  for (const QString& line : editor_->toPlainText().split(QLatin1Char('\n'))) {
    const QString cleaned = ClassFiles::cleanDescription(line);
    if (!cleaned.isEmpty()) lines << cleaned;
  }
  descriptions_[shown_] = lines;
}

QMap<QString, QStringList> GenerateDescriptionsDialog::accepted() const {
  QMap<QString, QStringList> out;
  for (int i = 0; i < list_->count(); ++i) {
    const QListWidgetItem* item = list_->item(i);
    const QString name = item->data(Qt::UserRole + 1).toString();
    if (item->checkState() == Qt::Checked && !descriptions_.value(name).isEmpty()) out[name] = descriptions_.value(name);
  }
  return out;
}

}  // namespace protext
