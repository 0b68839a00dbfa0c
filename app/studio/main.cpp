// protext-studio: the desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QScreen>

#include "core/runtime/omp_waits.h"
#include "core/runtime/threads.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/common/Translations.h"
#include "widgets/window/MainWindow.h"

int main(int argc, char** argv) {
  protext::ensure_passive_omp_waits(argv);  // first: it may execute the program again
  QApplication app(argc, argv);
  QApplication::setApplicationName("ProText Studio");
  QApplication::setApplicationVersion(PROTEXT_VERSION);
  QApplication::setOrganizationName("ProText");
  QApplication::setDesktopFileName("protext-studio");
  QApplication::setWindowIcon(QIcon(":/icons/app.svg"));

  const protext::StudioSettings settings;
  protext::Translations::install(&app, settings.language());
  protext::configure_threads(settings.threads());

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Learn and compare CLIP prompts."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("paths", QApplication::translate("main", "Models, projects or images to open."), "[paths...]");
  parser.process(app);

  protext::MainWindow::Options options;
  options.examplesOnFirstStart = parser.positionalArguments().isEmpty();  // paths given: the user knows what to open
  protext::MainWindow window(options);
  // First start, or a saved geometry from a larger screen: within this screen, centred.
  const QRect screen = window.screen()->availableGeometry();
  if (!settings.hasWindowGeometry() || !screen.contains(window.geometry())) window.placeOnScreen(screen);
  window.show();
  // While the first model opens, its progress texts widen the window for a moment; once the
  // classifiers are ready the layout has settled, and a window left wider than the screen
  // is placed again.
  QObject::connect(&window, &protext::MainWindow::classifiersUpdated, &window, [&window] {
    const QRect available = window.screen()->availableGeometry();
    if (!available.contains(window.frameGeometry())) window.placeOnScreen(available);
  });
  if (!parser.positionalArguments().isEmpty()) window.openPaths(parser.positionalArguments());
  return QApplication::exec();
}
