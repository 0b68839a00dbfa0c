#include "widgets/window/HelpDialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMap>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace protext {
namespace {

QString plainText(QString text) {
  text.remove(QLatin1Char('&'));
  if (text.endsWith(QChar(0x2026))) text.chop(1);
  return text;
}

void addCloseButton(QDialog* dialog, QVBoxLayout* layout) {
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
  QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
  layout->addWidget(buttons);
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(QWidget* window) : QDialog(window) {
  setWindowTitle(tr("Keyboard Shortcuts"));
  // By name, each once: an action shown in a menu and in a panel is the same command.
  QMap<QString, QString> rows;
  for (QAction* action : window->findChildren<QAction*>()) {
    if (action->shortcut().isEmpty() || action->text().isEmpty()) continue;
    rows.insert(plainText(action->text()), action->shortcut().toString(QKeySequence::NativeText));
  }
  table_ = new QTableWidget(int(rows.size()), 2, this);
  table_->setObjectName(QStringLiteral("shortcutsTable"));
  table_->setHorizontalHeaderLabels({tr("Command"), tr("Shortcut")});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  int row = 0;
  for (auto it = rows.constBegin(); it != rows.constEnd(); ++it, ++row) {
    table_->setItem(row, 0, new QTableWidgetItem(it.key()));
    table_->setItem(row, 1, new QTableWidgetItem(it.value()));
  }
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_);
  addCloseButton(this, layout);
  resize(460, 520);
}

QuickGuideDialog::QuickGuideDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Quick Guide"));
  auto* text = new QTextBrowser(this);
  text->setObjectName(QStringLiteral("guideText"));
  text->setHtml(guideHtml());
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text);
  addCloseButton(this, layout);
  resize(560, 520);
}

QString QuickGuideDialog::guideHtml() {
  return tr("<h3>Compare four ways of turning class names into a classifier</h3>"
            "<ul><li><b>Template</b>: one sentence per class, \"a photo of a {class}.\"</li>"
            "<li><b>Ensemble</b>: the mean of CLIP's 80 sentence templates.</li>"
            "<li><b>Descriptions</b>: the mean of LLM-written descriptions of each class (CuPL); "
            "every class needs some.</li>"
            "<li><b>ProText</b>: prompts learned from the descriptions alone, then used for any class "
            "list.</li></ul>"
            "<h3>Try it</h3>"
            "<p>Drop images or a folder on the window. Each image gets four charts of the most likely "
            "classes; a green tick marks the true class when the image sits in a folder named after it, "
            "and a method that disagrees with the others is flagged.</p>"
            "<h3>Train</h3>"
            "<p>Edit the classes and their descriptions in the Classes panel, then press Start training. "
            "The loss falls as the prompts learn; when the run ends, its prompts become the ProText "
            "method. Runs can be stopped and resumed.</p>"
            "<h3>Evaluate</h3>"
            "<p>In the Evaluate tab, choose a folder with one sub-folder of images per class: each "
            "method's accuracy, per-class results and confusion matrix appear, and Export writes the "
            "same report as <tt>protext eval</tt>.</p>");
}

}  // namespace protext
