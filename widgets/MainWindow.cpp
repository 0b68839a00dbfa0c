#include "widgets/MainWindow.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

namespace protext {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("ProText Studio"));
  auto* label = new QLabel(tr("ProText Studio\n\nThe CLIP core is in place; use the protext "
                              "command-line tool to inspect models, tokenize, embed and classify."),
                           this);
  label->setAlignment(Qt::AlignCenter);
  label->setWordWrap(true);
  setCentralWidget(label);
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setToolTip(tr("Close ProText Studio"));
  statusBar()->showMessage(tr("No model open"));
  setMinimumSize(640, 400);
}

}  // namespace protext
