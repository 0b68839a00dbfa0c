#include "widgets/panels/PromptsPanel.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace protext {
namespace {

const QColor kWarningColor(170, 95, 0);  // amber, readable on a light background

// A read-only table of one line per row, its last column taking the width left.
QTableView* readOnlyTable(QStandardItemModel* model, const QString& name, QWidget* parent) {
  auto* table = new QTableView(parent);
  table->setObjectName(name);
  table->setModel(model);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setAlternatingRowColors(true);
  table->setWordWrap(false);
  table->setTextElideMode(Qt::ElideRight);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setStretchLastSection(true);
  return table;
}

}  // namespace

PromptsPanel::PromptsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("promptsPanel"));
  auto* layout = new QVBoxLayout(this);

  stack_ = new QStackedWidget(this);
  empty_ = new QLabel(emptyText(), stack_);
  empty_->setObjectName(QStringLiteral("promptsEmptyState"));
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setWordWrap(true);
  empty_->setForegroundRole(QPalette::PlaceholderText);
  empty_->setMargin(16);
  stack_->addWidget(empty_);

  auto* content = new QWidget(stack_);
  auto* content_layout = new QVBoxLayout(content);
  content_layout->setContentsMargins(0, 0, 0, 0);
  file_ = new QLabel(content);
  file_->setObjectName(QStringLiteral("promptsFile"));
  file_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  file_->setWordWrap(true);
  content_layout->addWidget(file_);

  warning_box_ = new QWidget(content);
  auto* warning_layout = new QHBoxLayout(warning_box_);
  warning_layout->setContentsMargins(0, 0, 0, 0);
  auto* warning_icon = new QLabel(warning_box_);
  warning_icon->setPixmap(QIcon(QStringLiteral(":/icons/warning.svg")).pixmap(16, 16));
  warning_icon->setAlignment(Qt::AlignTop);
  warning_ = new QLabel(warning_box_);
  warning_->setObjectName(QStringLiteral("promptsWarning"));
  warning_->setWordWrap(true);
  QPalette warning_palette = warning_->palette();
  warning_palette.setColor(QPalette::WindowText, kWarningColor);
  warning_->setPalette(warning_palette);
  warning_layout->addWidget(warning_icon);
  warning_layout->addWidget(warning_, 1);
  content_layout->addWidget(warning_box_);

  model_ = new QStandardItemModel(0, 2, this);
  // Ranked by the cosine shown beside each word, so the order and the numbers agree.
  model_->setHorizontalHeaderLabels({tr("Vector"), tr("Nearest words (cosine)")});
  table_ = readOnlyTable(model_, QStringLiteral("promptWordsTable"), content);
  table_->horizontalHeader()->setSectionResizeMode(VectorColumn, QHeaderView::ResizeToContents);
  table_->setToolTip(tr("Each learned context vector's nearest vocabulary words in embedding space, by cosine "
                        "similarity; \"-\" marks a piece of a word (\"photo-\" goes on into the next piece)"));
  content_layout->addWidget(table_, 1);

  meaning_label_ = new QLabel(content);
  meaning_label_->setObjectName(QStringLiteral("meaningLabel"));
  meaning_label_->setWordWrap(true);
  content_layout->addWidget(meaning_label_);
  meaning_model_ = new QStandardItemModel(0, 3, this);
  meaning_model_->setHorizontalHeaderLabels({tr("Class"), tr("Toward its descriptions"), tr("Nearest texts (cosine)")});
  meaning_table_ = readOnlyTable(meaning_model_, QStringLiteral("meaningTable"), content);
  meaning_table_->horizontalHeader()->setSectionResizeMode(ClassColumn, QHeaderView::ResizeToContents);
  meaning_table_->horizontalHeader()->setSectionResizeMode(MovedColumn, QHeaderView::ResizeToContents);
  content_layout->addWidget(meaning_table_, 3);
  stack_->addWidget(content);

  layout->addWidget(stack_);
  setMinimumSize(240, 140);
  clear();
}

QString PromptsPanel::emptyText() { return tr("Train or load prompts to see what the learned context resembles"); }

bool PromptsPanel::isEmpty() const { return model_->rowCount() == 0; }

QString PromptsPanel::wordsText(const QStringList& words, const QVector<double>& cosines) {
  QStringList parts;
  for (int i = 0; i < words.size(); ++i) {
    // A token of only spaces would vanish; quote what is blank.
    const QString word = words[i].trimmed().isEmpty() ? QStringLiteral("\"%1\"").arg(words[i]) : words[i];
    parts << (i < cosines.size() ? QStringLiteral("%1 %2").arg(word).arg(cosines[i], 0, 'f', 2) : word);
  }
  return parts.join(QStringLiteral(" · "));
}

void PromptsPanel::setPromptWords(const QString& path, const PromptWords& words, const QString& warning) {
  path_ = path;
  warning_text_ = warning;
  model_->removeRows(0, model_->rowCount());
  for (int i = 0; i < words.words.size(); ++i) {
    const QStringList& row_words = words.words[i];
    const QVector<double> cosines = i < words.cosines.size() ? words.cosines[i] : QVector<double>{};
    auto* name = new QStandardItem(QStringLiteral("X%1").arg(i + 1));
    name->setTextAlignment(Qt::AlignCenter);
    name->setToolTip(tr("Learned context vector %1 of %2").arg(i + 1).arg(words.words.size()));
    auto* text = new QStandardItem(wordsText(row_words, cosines));
    QStringList lines;
    for (int k = 0; k < row_words.size(); ++k)
      lines << (k < cosines.size() ? tr("%1. %2 (cosine %3)").arg(k + 1).arg(row_words[k]).arg(cosines[k], 0, 'f', 3)
                                   : QStringLiteral("%1. %2").arg(k + 1).arg(row_words[k]));
    text->setToolTip(lines.join(QLatin1Char('\n')));
    model_->appendRow({name, text});
  }
  const QString name = QFileInfo(path).fileName();
  file_->setText(path.isEmpty() ? tr("Learned prompts · %1 context vectors").arg(words.words.size())
                                : tr("<b>%1</b> · %2 context vectors").arg(name.toHtmlEscaped()).arg(words.words.size()));
  file_->setToolTip(QDir::toNativeSeparators(path));
  warning_->setText(warning);
  warning_box_->setVisible(!warning.isEmpty());
  // Without words the table has nothing to say, but a warning (why there are none) still does.
  empty_->setText(warning.isEmpty() || !isEmpty() ? emptyText() : emptyText() + QStringLiteral("\n\n") + warning);
  stack_->setCurrentIndex(isEmpty() ? 0 : 1);
}

QString PromptsPanel::movedText(const ClassMeaningRow& row) {
  if (!row.hasDescriptions) return tr("no descriptions");
  // Three places: on a small model both cosines round to the same two.
  return QStringLiteral("%1 → %2").arg(row.before, 0, 'f', 3).arg(row.after, 0, 'f', 3);
}

void PromptsPanel::setMeaning(const QVector<ClassMeaningRow>& rows) {
  meaning_model_->removeRows(0, meaning_model_->rowCount());
  int closer = 0, measured = 0;
  for (const ClassMeaningRow& row : rows) {
    auto* name = new QStandardItem(row.className);
    auto* moved = new QStandardItem(movedText(row));
    moved->setTextAlignment(Qt::AlignCenter);
    if (row.hasDescriptions) {
      moved->setToolTip(tr("Cosine with the mean of %1's own descriptions: %2 from the single template, %3 from "
                           "the learned prompts")
                            .arg(row.className)
                            .arg(row.before, 0, 'f', 3)
                            .arg(row.after, 0, 'f', 3));
      ++measured;
      closer += row.after > row.before;
    }
    QStringList parts, lines;
    for (int i = 0; i < row.nearest.size(); ++i) {
      const QString kind = row.nearestIsTemplate.value(i) ? tr("template") : tr("description of %1").arg(row.nearestOwners.value(i));
      parts << QStringLiteral("%1 %2").arg(row.nearestCosines.value(i), 0, 'f', 3).arg(row.nearest[i]);
      lines << tr("%1. %2 (%3, cosine %4)").arg(i + 1).arg(row.nearest[i], kind).arg(row.nearestCosines.value(i), 0, 'f', 3);
    }
    auto* nearest = new QStandardItem(parts.join(QStringLiteral(" · ")));
    nearest->setToolTip(lines.join(QLatin1Char('\n')));
    meaning_model_->appendRow({name, moved, nearest});
  }
  meaning_label_->setText(rows.isEmpty() ? QString()
                                         : tr("By meaning: the learned prompts moved %1 of %2 classes closer to "
                                              "their own descriptions.")
                                               .arg(closer)
                                               .arg(measured));
  meaning_table_->setVisible(!rows.isEmpty());
}

void PromptsPanel::setMeaningError(const QString& message) {
  setMeaning({});
  meaning_label_->setText(tr("By meaning: %1").arg(message));
}

void PromptsPanel::clear() {
  setMeaning({});
  path_.clear();
  warning_text_.clear();
  model_->removeRows(0, model_->rowCount());
  file_->clear();
  empty_->setText(emptyText());
  warning_->clear();
  warning_box_->hide();
  stack_->setCurrentIndex(0);
}

}  // namespace protext
