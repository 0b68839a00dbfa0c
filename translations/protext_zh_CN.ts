<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddClasses</name>
    <message>
        <source>Add class &apos;%1&apos;</source>
        <translation>添加类别“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Add %n classes</source>
        <translation>
            <numerusform>添加 %n 个类别</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApiKeyStore</name>
    <message>
        <source>the system keychain did not answer</source>
        <translation>系统密钥环没有响应</translation>
    </message>
</context>
<context>
    <name>protext::CalibrationView</name>
    <message>
        <source>The method whose reliability diagram is shown</source>
        <translation>显示其可靠性图的方法</translation>
    </message>
    <message>
        <source>Reliability &amp;of</source>
        <translation>可靠性(&amp;O)：</translation>
    </message>
    <message>
        <source>Expected calibration error: the gap between confidence and accuracy, averaged over 15 confidence bins weighted by their images. 0 is perfectly calibrated.</source>
        <translation>期望校准误差：置信度与准确率之差，在 15 个置信度区间上按图像数加权平均。0 表示完全校准。</translation>
    </message>
    <message>
        <source>Confidence (top-1 probability)</source>
        <translation>置信度（top-1 概率）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>%1 &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>%1 &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ECE: %1</source>
        <translation>ECE：%1</translation>
    </message>
    <message>
        <source>Perfect calibration</source>
        <translation>完全校准</translation>
    </message>
</context>
<context>
    <name>protext::ClassListEditor</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Add Class</source>
        <translation>添加类别(&amp;A)</translation>
    </message>
    <message>
        <source>Add a class and type its name</source>
        <translation>添加一个类别并输入其名称</translation>
    </message>
    <message>
        <source>&amp;Remove Classes</source>
        <translation>移除类别(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected classes with their descriptions</source>
        <translation>移除所选类别及其描述</translation>
    </message>
    <message>
        <source>&amp;Paste Classes</source>
        <translation>粘贴类别(&amp;P)</translation>
    </message>
    <message>
        <source>Add each line of the clipboard as a class</source>
        <translation>将剪贴板中的每一行添加为一个类别</translation>
    </message>
    <message>
        <source>&amp;Import Classes…</source>
        <translation>导入类别(&amp;I)…</translation>
    </message>
    <message>
        <source>Replace the class list with one from a .txt, .json or CuPL file</source>
        <translation>用 .txt、.json 或 CuPL 文件中的类别列表替换当前类别列表</translation>
    </message>
    <message>
        <source>&amp;Export Classes…</source>
        <translation>导出类别(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the class names as .txt (one per line) or a .json array</source>
        <translation>将类别名称保存为 .txt（每行一个）或 .json 数组</translation>
    </message>
    <message>
        <source>Import &amp;Descriptions…</source>
        <translation>导入描述(&amp;D)…</translation>
    </message>
    <message>
        <source>Read LLM descriptions for these classes from a CuPL JSON file</source>
        <translation>从 CuPL JSON 文件读取这些类别的 LLM 描述</translation>
    </message>
    <message>
        <source>&amp;Generate Descriptions…</source>
        <translation>生成描述(&amp;G)…</translation>
    </message>
    <message>
        <source>Write descriptions from WordNet for the selected classes, or for those without any</source>
        <translation>用 WordNet 为所选类别（或尚无描述的类别）生成描述</translation>
    </message>
    <message>
        <source>Export D&amp;escriptions…</source>
        <translation>导出描述(&amp;E)…</translation>
    </message>
    <message>
        <source>Save every class with its descriptions as CuPL JSON</source>
        <translation>将每个类别及其描述保存为 CuPL JSON</translation>
    </message>
    <message>
        <source>&amp;Filter Classes</source>
        <translation>筛选类别(&amp;F)</translation>
    </message>
    <message>
        <source>Show only classes whose names contain some text</source>
        <translation>仅显示名称包含指定文本的类别</translation>
    </message>
    <message>
        <source>Class lists (*.txt *.json);;Text, one class per line (*.txt);;JSON (*.json);;All files (*)</source>
        <translation>类别列表 (*.txt *.json);;文本，每行一个类别 (*.txt);;JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CuPL descriptions (*.json);;All files (*)</source>
        <translation>CuPL 描述 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import Classes</source>
        <translation>导入类别</translation>
    </message>
    <message>
        <source>Export Classes</source>
        <translation>导出类别</translation>
    </message>
    <message>
        <source>Import Descriptions</source>
        <translation>导入描述</translation>
    </message>
    <message>
        <source>Export Descriptions</source>
        <translation>导出描述</translation>
    </message>
    <message>
        <source>Filter classes</source>
        <translation>筛选类别</translation>
    </message>
    <message>
        <source>Double-click or F2 to rename; drag to reorder</source>
        <translation>双击或按 F2 重命名；拖动以重新排序</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Import and export class lists and descriptions</source>
        <translation>导入和导出类别列表及描述</translation>
    </message>
    <message>
        <source>One description per line, e.g. &quot;A wheaten terrier has a soft, silky, wheat-coloured coat.&quot;</source>
        <translation>每行一条描述，例如“A wheaten terrier has a soft, silky, wheat-coloured coat.”</translation>
    </message>
    <message>
        <source>One description per line. Changes are applied when you pause or leave the editor, and can be undone.</source>
        <translation>每行一条描述。暂停输入或离开编辑器时会应用更改，且可以撤销。</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>new class</source>
        <translation>新类别</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>There are no class names to paste. Copy one name per line, then paste.</source>
        <translation>没有可粘贴的类别名称。请按每行一个名称复制，然后粘贴。</translation>
    </message>
    <message numerus="yes">
        <source>Added %n classes.</source>
        <translation>
            <numerusform>已添加 %n 个类别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n classes; skipped %1 already in the list: %2.</source>
        <translation>
            <numerusform>已添加 %n 个类别；跳过了 %1 个已在列表中的类别：%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a class to see and edit its descriptions.</source>
        <translation>选择一个类别以查看和编辑其描述。</translation>
    </message>
    <message>
        <source>Descriptions</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>One description per line of what &apos;%1&apos; looks like</source>
        <translation>每行一条描述，说明“%1”的外观</translation>
    </message>
    <message>
        <source>Descriptions of &apos;%1&apos; (1)</source>
        <translation>“%1”的描述 (1)</translation>
    </message>
    <message>
        <source>Descriptions of &apos;%1&apos; (%2)</source>
        <translation>“%1”的描述 (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no descriptions, so ProText gets no training pairs from it. Type some below, one per line, or import a CuPL file.</source>
        <translation>“%1”没有描述，因此 ProText 无法从中获得训练对。请在下方输入描述（每行一条），或导入 CuPL 文件。</translation>
    </message>
    <message>
        <source>No classes yet: add, paste or import some.</source>
        <translation>还没有类别：请添加、粘贴或导入类别。</translation>
    </message>
    <message numerus="yes">
        <source>%n classes</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>all with descriptions</source>
        <translation>均有描述</translation>
    </message>
    <message>
        <source>%1 without descriptions</source>
        <translation>%1 个无描述</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 (%2 shown)</source>
        <translation>%1（显示 %2 个）</translation>
    </message>
    <message>
        <source>Import classes</source>
        <translation>导入类别</translation>
    </message>
    <message numerus="yes">
        <source>Replace the %n classes in the list with those in &apos;%1&apos;? Undo brings them back.</source>
        <translation>
            <numerusform>用“%1”中的类别替换列表中的 %n 个类别吗？撤销可以恢复它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import classes from &apos;%1&apos;</source>
        <translation>从“%1”导入类别</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n classes from &apos;%1&apos; in place of %2.</source>
        <translation>
            <numerusform>已从“%1”导入 %n 个类别，替换原有的 %2 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n classes from &apos;%1&apos;.</source>
        <translation>
            <numerusform>已从“%1”导入 %n 个类别。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Note: %2.</source>
        <translation>%1 注意：%2。</translation>
    </message>
    <message>
        <source>There are no classes to export.</source>
        <translation>没有可导出的类别。</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n classes to &apos;%1&apos;.</source>
        <translation>
            <numerusform>已将 %n 个类别保存到“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import descriptions</source>
        <translation>导入描述</translation>
    </message>
    <message>
        <source>The file has descriptions for &apos;%1&apos; but not for the class &apos;%2&apos;. Use them for &apos;%2&apos;?</source>
        <translation>文件中有“%1”的描述，但没有类别“%2”的描述。要把它们用于“%2”吗？</translation>
    </message>
    <message>
        <source>&apos;%1&apos; for &apos;%2&apos;</source>
        <translation>“%1”用于“%2”</translation>
    </message>
    <message>
        <source>None of the %1 classes in &apos;%2&apos; is in the class list, so no descriptions were imported. To take the classes from this file, use Import Classes.</source>
        <translation>“%2”中的 %1 个类别均不在类别列表中，因此未导入任何描述。若要使用此文件中的类别，请使用“导入类别”。</translation>
    </message>
    <message>
        <source>Import descriptions from &apos;%1&apos;</source>
        <translation>从“%1”导入描述</translation>
    </message>
    <message>
        <source>Descriptions for %1 of %2 classes from &apos;%3&apos;.</source>
        <translation>已从“%3”导入描述：%2 个类别中的 %1 个。</translation>
    </message>
    <message>
        <source>%1 They were already up to date.</source>
        <translation>%1 这些描述已是最新。</translation>
    </message>
    <message>
        <source>%1 Taken by a near name: %2.</source>
        <translation>%1 按相近名称采用：%2。</translation>
    </message>
    <message>
        <source>%1 %2 in the file match no class: %3.</source>
        <translation>%1 文件中有 %2 项与任何类别都不匹配：%3。</translation>
    </message>
    <message numerus="yes">
        <source>Saved descriptions of %n classes to &apos;%1&apos;.</source>
        <translation>
            <numerusform>已将 %n 个类别的描述保存到“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no classes to describe yet.</source>
        <translation>还没有可描述的类别。</translation>
    </message>
    <message>
        <source>Every class has descriptions. Select the classes to describe again.</source>
        <translation>每个类别都已有描述。请选择要重新描述的类别。</translation>
    </message>
    <message numerus="yes">
        <source>Generate descriptions for %n classes</source>
        <translation>
            <numerusform>为 %n 个类别生成描述</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Descriptions from WordNet for %n classes.</source>
        <translation>
            <numerusform>已用 WordNet 为 %n 个类别生成描述。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::ClassListModel</name>
    <message>
        <source>A class needs a name.</source>
        <translation>类别需要名称。</translation>
    </message>
    <message>
        <source>There is already a class named &apos;%1&apos;.</source>
        <translation>已存在名为“%1”的类别。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is listed twice.</source>
        <translation>“%1”出现了两次。</translation>
    </message>
    <message>
        <source>None of the %1 names could be added: %2</source>
        <translation>%1 个名称均无法添加：%2</translation>
    </message>
    <message>
        <source>%1: no descriptions; it adds no ProText training pairs.</source>
        <translation>%1：无描述；它不会提供任何 ProText 训练对。</translation>
    </message>
    <message>
        <source>%1: 1 description</source>
        <translation>%1：1 条描述</translation>
    </message>
    <message>
        <source>%1: %2 descriptions</source>
        <translation>%1：%2 条描述</translation>
    </message>
</context>
<context>
    <name>protext::DescriptionService</name>
    <message>
        <source>sense %1 of %2: %3</source>
        <translation>第 %1 个义项（共 %2 个）：%3</translation>
    </message>
</context>
<context>
    <name>DrillDowns</name>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>Right by %1 and %2</source>
        <translation>%1 和 %2 都正确</translation>
    </message>
    <message>
        <source>Right by %1 only, not %2</source>
        <translation>仅 %1 正确，%2 错误</translation>
    </message>
    <message>
        <source>Wrong by %1 and %2</source>
        <translation>%1 和 %2 都错误</translation>
    </message>
</context>
<context>
    <name>protext::EvaluatePanel</name>
    <message>
        <source>Choose a folder with one sub-folder of images per class.</source>
        <translation>请选择一个文件夹，其中每个类别对应一个图像子文件夹。</translation>
    </message>
    <message>
        <source>&amp;Evaluate Folder</source>
        <translation>评估文件夹(&amp;E)</translation>
    </message>
    <message>
        <source>Score every method on the labelled folder</source>
        <translation>在带标签的文件夹上为每种方法评分</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>&amp;Cancel Evaluation</source>
        <translation>取消评估(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the evaluation; nothing is scored</source>
        <translation>停止评估；不会计算任何分数</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose Evaluation &amp;Folder…</source>
        <translation>选择评估文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Pick a folder with one sub-folder of images per class</source>
        <translation>选择一个每个类别对应一个图像子文件夹的文件夹</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per class</source>
        <translation>每个类别对应一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>Each sub-folder holds the images of one class and is named after it (&quot;_&quot; reads as a space). You can also drop the folder here.</source>
        <translation>每个子文件夹存放一个类别的图像，并以该类别命名（“_”视为空格）。也可以将文件夹拖放到此处。</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose Evaluation Folder</source>
        <translation>选择评估文件夹</translation>
    </message>
    <message>
        <source>Choose a folder to evaluate first.</source>
        <translation>请先选择要评估的文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file; choose a folder with one sub-folder per class.</source>
        <translation>%1 是文件；请选择每个类别对应一个子文件夹的文件夹。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Listing images…</source>
        <translation>正在列出图像…</translation>
    </message>
    <message>
        <source>Evaluating %1…</source>
        <translation>正在评估 %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 / %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n images</source>
        <translation>
            <numerusform>完成：%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n images in %1</source>
        <translation>
            <numerusform>完成：%n 张图像，用时 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped</source>
        <translation>
            <numerusform>已跳过 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped (not images, unreadable, or in no class folder):
%1</source>
        <translation>已跳过（非图像、无法读取或不在任何类别文件夹中）：
%1</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 images; nothing was scored.</source>
        <translation>已处理 %2 张图像中的 %1 张后取消；未计算任何分数。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was scored.</source>
        <translation>已取消；未计算任何分数。</translation>
    </message>
    <message>
        <source>The evaluation failed.</source>
        <translation>评估失败。</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
</context>
<context>
    <name>protext::EvaluationService</name>
    <message>
        <source>An evaluation is already running.</source>
        <translation>已有评估正在运行。</translation>
    </message>
</context>
<context>
    <name>protext::EvaluationTableModel</name>
    <message>
        <source>%1 of %2 images classified correctly</source>
        <translation>%2 张图像中有 %1 张分类正确</translation>
    </message>
    <message>
        <source>Harmonic mean of base and novel top-1: 2·b·n / (b + n)</source>
        <translation>基类与新类 Top-1 的调和平均数：2·b·n / (b + n)</translation>
    </message>
    <message>
        <source>No images of %1</source>
        <translation>没有 %1 的图像</translation>
    </message>
    <message>
        <source>%1 on %2: %3 of %4 correct</source>
        <translation>%1 在 %2 上：%4 张中有 %3 张正确</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <source>Top-5</source>
        <translation>Top-5</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基类</translation>
    </message>
    <message>
        <source>Novel</source>
        <translation>新类</translation>
    </message>
    <message>
        <source>HM</source>
        <translation>HM</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Share of images whose most probable class is the true one</source>
        <translation>最可能类别即为真实类别的图像所占比例</translation>
    </message>
    <message>
        <source>Share of images whose true class is among the five most probable</source>
        <translation>真实类别位于前五个最可能类别之中的图像所占比例</translation>
    </message>
    <message>
        <source>Top-1 on the first half of the classes (base), scored among those only</source>
        <translation>前一半类别（基类）上的 Top-1，仅在这些类别之间计分</translation>
    </message>
    <message>
        <source>Top-1 on the second half of the classes (novel), scored among those only</source>
        <translation>后一半类别（新类）上的 Top-1，仅在这些类别之间计分</translation>
    </message>
    <message>
        <source>Harmonic mean of base and novel top-1</source>
        <translation>基类与新类 Top-1 的调和平均数</translation>
    </message>
    <message>
        <source>Images scored</source>
        <translation>已评分图像数</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Top-1 accuracy per class; click the header to sort</source>
        <translation>每个类别的 Top-1 准确率；点击表头排序</translation>
    </message>
    <message>
        <source>95% bootstrap interval: %1</source>
        <translation>95% 自助法区间：%1</translation>
    </message>
    <message numerus="yes">
        <source>Top-1 lies in this range in 95% of %n bootstrap resamples of the images</source>
        <translation>
            <numerusform>在 %n 次图像自助重采样中，95% 的 top-1 落在此范围内</numerusform>
        </translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <source>95% bootstrap interval of top-1: how much it could move on another sample of images like these</source>
        <translation>top-1 的 95% 自助法区间：换一批类似的图像，它可能变动多少</translation>
    </message>
</context>
<context>
    <name>protext::EvaluationView</name>
    <message>
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Accuracy of each method; select a row to show its confusion matrix</source>
        <translation>各方法的准确率；选择一行以显示其混淆矩阵</translation>
    </message>
    <message>
        <source>Top-1 accuracy</source>
        <translation>Top-1 准确率</translation>
    </message>
    <message>
        <source>Top-1 accuracy per method</source>
        <translation>各方法的 Top-1 准确率</translation>
    </message>
    <message>
        <source>The method whose confusion matrix is shown</source>
        <translation>显示其混淆矩阵的方法</translation>
    </message>
    <message>
        <source>Confusion &amp;matrix of</source>
        <translation>混淆矩阵(&amp;M)，方法：</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Evaluate a labelled image folder to see the accuracy of each method, per class, and where they confuse classes.</source>
        <translation>评估带标签的图像文件夹，以查看每种方法的总体及各类别准确率，以及它们混淆了哪些类别。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; images · &lt;b&gt;%2&lt;/b&gt; classes · &lt;b&gt;%3&lt;/b&gt; methods</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 张图像 · &lt;b&gt;%2&lt;/b&gt; 个类别 · &lt;b&gt;%3&lt;/b&gt; 种方法</translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped</source>
        <translation>
            <numerusform>已跳过 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 以及另外 %1 个</translation>
    </message>
    <message>
        <source>Skipped:
%1</source>
        <translation>已跳过：
%1</translation>
    </message>
    <message>
        <source>There is no evaluation to export.</source>
        <translation>没有可导出的评估结果。</translation>
    </message>
    <message>
        <source>Export evaluation report</source>
        <translation>导出评估报告</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Save report.json and, beside it, each method&apos;s per-class and confusion CSV and every image&apos;s predictions: the files protext eval writes (Ctrl+Shift+J)</source>
        <translation>保存 report.json，并在旁边保存每种方法的逐类别与混淆矩阵 CSV 以及每张图像的预测：即 protext eval 写出的文件（Ctrl+Shift+J）</translation>
    </message>
    <message>
        <source>Top-1 accuracy per class; click a header to sort, a row to see its images</source>
        <translation>每个类别的 top-1 准确率；点击表头排序，点击一行查看其图像</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>混淆</translation>
    </message>
    <message>
        <source>Paired</source>
        <translation>配对</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>Where one method confuses classes; click a cell to see its images</source>
        <translation>某方法在哪些类别间混淆；点击单元格查看其图像</translation>
    </message>
    <message>
        <source>Which images one method gets right and another wrong, and whether the difference is more than chance</source>
        <translation>哪些图像一种方法正确而另一种错误，以及这种差异是否超出偶然</translation>
    </message>
    <message>
        <source>Whether confidence matches accuracy</source>
        <translation>置信度是否与准确率相符</translation>
    </message>
    <message>
        <source>True: %1
Predicted: %2
%3 of %4 images (%5)
Click to see them</source>
        <translation>真实：%1
预测：%2
%4 张图像中的 %3 张（%5）
点击查看</translation>
    </message>
</context>
<context>
    <name>protext::FolderClassifyService</name>
    <message>
        <source>A folder is already being classified.</source>
        <translation>已有一个文件夹正在分类。</translation>
    </message>
</context>
<context>
    <name>protext::GenerateDescriptionsDialog</name>
    <message>
        <source>Generate Descriptions</source>
        <translation>生成描述</translation>
    </message>
    <message>
        <source>WordNet (offline)</source>
        <translation>WordNet（离线）</translation>
    </message>
    <message>
        <source>WordNet 3.0 on this computer: what each class is a kind of, its definition, other names and parts. Classes it does not know are left out, never invented.</source>
        <translation>本机上的 WordNet 3.0：每个类别的上位类、定义、别名和组成部分。它不认识的类别会被略过，绝不编造。</translation>
    </message>
    <message>
        <source>LLM server: %1 at %2</source>
        <translation>LLM 服务器：%2 上的 %1</translation>
    </message>
    <message>
        <source>LLM server (set one in Preferences)</source>
        <translation>LLM 服务器（请在首选项中设置）</translation>
    </message>
    <message>
        <source>Reading the API key from the system keychain…</source>
        <translation>正在从系统密钥环读取 API 密钥…</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>来源(&amp;S)：</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop generating; the classes described so far stay</source>
        <translation>停止生成；已描述的类别会保留</translation>
    </message>
    <message>
        <source>Untick a class to leave its descriptions as they are</source>
        <translation>取消勾选某个类别即可保留其原有描述</translation>
    </message>
    <message>
        <source>One description per line</source>
        <translation>每行一条描述</translation>
    </message>
    <message>
        <source>Edit before applying: one description per line</source>
        <translation>应用前可编辑：每行一条描述</translation>
    </message>
    <message numerus="yes">
        <source>Describing %n classes…</source>
        <translation>
            <numerusform>正在描述 %n 个类别…</numerusform>
        </translation>
    </message>
    <message>
        <source>The LLM server gave no descriptions: %1</source>
        <translation>LLM 服务器没有给出描述：%1</translation>
    </message>
    <message>
        <source>WordNet cannot be read: %1</source>
        <translation>无法读取 WordNet：%1</translation>
    </message>
    <message>
        <source>%1 (no answer)</source>
        <translation>%1（无回答）</translation>
    </message>
    <message>
        <source>%1 (not in WordNet)</source>
        <translation>%1（WordNet 中没有）</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n classes described.</source>
        <translation>
            <numerusform>已停止：已描述 %n 个类别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n classes described.</source>
        <translation>
            <numerusform>已描述 %n 个类别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No answer for %n of them; they are left out.</source>
        <translation>
            <numerusform>其中 %n 个没有回答，已略过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>WordNet does not know %n of them; they are left out.</source>
        <translation>
            <numerusform>其中 %n 个 WordNet 不认识，已略过。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server gave no answer for this class; try again, or type descriptions in the Classes panel.</source>
        <translation>服务器没有为这个类别给出回答；请重试，或在“类别”面板中输入描述。</translation>
    </message>
    <message>
        <source>WordNet has no entry for this name; type descriptions in the Classes panel, or try another spelling.</source>
        <translation>WordNet 中没有这个名称；请在“类别”面板中输入描述，或换一种拼写。</translation>
    </message>
</context>
<context>
    <name>protext::ImageDetails</name>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>True class: &lt;span style=&apos;color:%1; font-weight:600&apos;&gt;%2&lt;/span&gt;</source>
        <translation>真实类别：&lt;span style=&apos;color:%1; font-weight:600&apos;&gt;%2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#808080&apos;&gt;Neither the folder “%1” nor the file name names a class&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#808080&apos;&gt;文件夹“%1”和文件名都不是类别名&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
</context>
<context>
    <name>protext::ImageListModel</name>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>True class: %1</source>
        <translation>真实类别：%1</translation>
    </message>
    <message>
        <source>Encoding…</source>
        <translation>正在编码…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Every method picks the true class</source>
        <translation>每种方法都选中了真实类别</translation>
    </message>
    <message>
        <source>Some methods miss the true class</source>
        <translation>部分方法没有选中真实类别</translation>
    </message>
    <message>
        <source>Every method misses the true class</source>
        <translation>每种方法都没有选中真实类别</translation>
    </message>
    <message>
        <source>The methods disagree</source>
        <translation>各方法的结果不一致</translation>
    </message>
    <message>
        <source>Not a readable image: %1</source>
        <translation>不是可读取的图像：%1</translation>
    </message>
    <message>
        <source>%1 × %2 pixels (%3 megapixels) is more than the %4 megapixels an image may have.</source>
        <translation>%1 × %2 像素（%3 百万像素）超过了单张图像允许的 %4 百万像素。</translation>
    </message>
</context>
<context>
    <name>protext::ImagesPanel</name>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Add &amp;Images…</source>
        <translation>添加图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Add image files to compare the methods on</source>
        <translation>添加图像文件以比较各方法</translation>
    </message>
    <message>
        <source>Add Images</source>
        <translation>添加图像</translation>
    </message>
    <message>
        <source>Add &amp;Folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Add every image in a folder and its sub-folders</source>
        <translation>添加文件夹及其子文件夹中的所有图像</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <source>Add the image or image files on the clipboard</source>
        <translation>添加剪贴板中的图像或图像文件</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>&amp;Remove Images</source>
        <translation>移除图像(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected images from the strip (the files stay)</source>
        <translation>从图像条中移除所选图像（文件保留）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>C&amp;lear Images</source>
        <translation>清除图像(&amp;L)</translation>
    </message>
    <message>
        <source>Remove every image from the strip (the files stay)</source>
        <translation>从图像条中移除所有图像（文件保留）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>How many of each method&apos;s most probable classes to show</source>
        <translation>每种方法显示多少个最可能的类别</translation>
    </message>
    <message>
        <source>&amp;Classes shown:</source>
        <translation>显示类别数(&amp;C)：</translation>
    </message>
    <message>
        <source>Updating the classifiers…</source>
        <translation>正在更新分类器…</translation>
    </message>
    <message>
        <source>The charts show the previous classifiers until the new class list is encoded</source>
        <translation>在新的类别列表编码完成之前，图表显示的是之前的分类器</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>全部图像</translation>
    </message>
    <message>
        <source>Wrong by some method</source>
        <translation>部分方法出错</translation>
    </message>
    <message>
        <source>Wrong by every method</source>
        <translation>所有方法都出错</translation>
    </message>
    <message>
        <source>Methods disagree</source>
        <translation>方法结果不一致</translation>
    </message>
    <message>
        <source>Show only the images some or every method gets wrong (their folder names the true class), those the methods disagree on, or those of one class</source>
        <translation>只显示部分或所有方法判断错误的图像（其文件夹名即真实类别）、各方法结果不一致的图像，或某一类别的图像</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>Order added</source>
        <translation>添加顺序</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度最低在前</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>置信度最高在前</translation>
    </message>
    <message>
        <source>Sort by the lowest top-1 probability among the methods</source>
        <translation>按各方法中最低的 top-1 概率排序</translation>
    </message>
    <message>
        <source>So&amp;rt:</source>
        <translation>排序(&amp;R)：</translation>
    </message>
    <message numerus="yes">
        <source>Images added: %n</source>
        <translation>
            <numerusform>已添加图像：%n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Only images (PNG, JPEG, BMP, WebP, TIFF) and folders that contain them can be added. Not added:
%1</source>
        <translation>只能添加图像（PNG、JPEG、BMP、WebP、TIFF）及包含图像的文件夹。未添加：
%1</translation>
    </message>
    <message>
        <source>The pasted image could not be read.</source>
        <translation>无法读取粘贴的图像。</translation>
    </message>
    <message>
        <source>The pasted image could not be saved to a temporary folder (%1).</source>
        <translation>无法将粘贴的图像保存到临时文件夹（%1）。</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no image files. Copy an image or image files, then paste.</source>
        <translation>剪贴板中没有图像或图像文件。请复制图像或图像文件，然后粘贴。</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add Folder of Images</source>
        <translation>添加图像文件夹</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Add images to see what each method predicts.</source>
        <translation>添加图像以查看每种方法的预测。</translation>
    </message>
    <message>
        <source>Select an image.</source>
        <translation>请选择一张图像。</translation>
    </message>
    <message>
        <source>This image cannot be classified: %1</source>
        <translation>无法对此图像进行分类：%1</translation>
    </message>
    <message>
        <source>Encoding %1…</source>
        <translation>正在编码 %1…</translation>
    </message>
    <message>
        <source>Preparing the classifiers…</source>
        <translation>正在准备分类器…</translation>
    </message>
    <message>
        <source>Open a model and add classes to see predictions.</source>
        <translation>打开模型并添加类别以查看预测。</translation>
    </message>
    <message>
        <source>This image was encoded by another model (%1 values, the classifiers have %2); encode it again.</source>
        <translation>此图像由另一个模型编码（%1 个值，而分类器为 %2 个）；请重新编码。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n images shown</source>
        <translation>
            <numerusform>显示 %1 / %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n encoding</source>
        <translation>
            <numerusform>%n 张正在编码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:%1&apos;&gt;%n failed&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:%1&apos;&gt;%n 张失败&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Drop images or folders here, paste an image (Ctrl+V), or use Add Images…</source>
        <translation>将图像或文件夹拖放到此处，粘贴图像 (Ctrl+V)，或使用“添加图像…”</translation>
    </message>
    <message>
        <source>No images: %1</source>
        <translation>没有图像：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n images</source>
        <translation>
            <numerusform>%1：%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Evaluation: %1 (%n images)</source>
        <translation>
            <numerusform>评估：%1（%n 张图像）</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong by %1</source>
        <translation>%1 错误</translation>
    </message>
</context>
<context>
    <name>protext::LossPlot</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>Smoothed loss</source>
        <translation>平滑损失</translation>
    </message>
    <message>
        <source>Epoch mean</source>
        <translation>轮次均值</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数刻度(&amp;L)</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic scale, which makes late, small improvements visible (Alt+L)</source>
        <translation>以对数刻度显示损失，使后期的微小改进清晰可见 (Alt+L)</translation>
    </message>
    <message>
        <source>&amp;Smoothing</source>
        <translation>平滑(&amp;S)</translation>
    </message>
    <message>
        <source>How much the smoothed loss line averages over earlier steps (0: none, 0.99: most), as in TensorBoard</source>
        <translation>平滑损失曲线对之前各步的平均程度（0：不平滑，0.99：最平滑），与 TensorBoard 相同</translation>
    </message>
    <message>
        <source>The most recent training step</source>
        <translation>最近的训练步</translation>
    </message>
    <message>
        <source>Step %1 · loss %2</source>
        <translation>第 %1 步 · 损失 %2</translation>
    </message>
    <message>
        <source> · smoothed %1</source>
        <translation> · 平滑 %1</translation>
    </message>
    <message>
        <source> · learning rate %1</source>
        <translation> · 学习率 %1</translation>
    </message>
    <message>
        <source> · epoch %1</source>
        <translation> · 第 %1 轮</translation>
    </message>
    <message>
        <source>Previous run</source>
        <translation>上一次运行</translation>
    </message>
    <message>
        <source>Run before that (%1)</source>
        <translation>更早的运行（%1）</translation>
    </message>
    <message>
        <source>No training steps yet</source>
        <translation>尚无训练步</translation>
    </message>
    <message>
        <source>Step %1 · loss %2 · learning rate %3</source>
        <translation>第 %1 步 · 损失 %2 · 学习率 %3</translation>
    </message>
    <message>
        <source> · epoch %1 mean %2</source>
        <translation> · 第 %1 轮均值 %2</translation>
    </message>
</context>
<context>
    <name>protext::MainWindow</name>
    <message>
        <source>ProText Studio</source>
        <translation>ProText Studio</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project on the current model</source>
        <translation>在当前模型上新建一个空项目</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .protext project</source>
        <translation>打开 .protext 项目</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save the class list, descriptions, prompts and settings</source>
        <translation>保存类别列表、描述、提示词和设置</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Language, device and cache settings</source>
        <translation>语言、设备和缓存设置</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Load &amp;Examples</source>
        <translation>加载示例(&amp;E)</translation>
    </message>
    <message>
        <source>The demo classes, the embedded mini model and its 24 example images</source>
        <translation>演示类别、内置迷你模型及其 24 张示例图像</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close ProText Studio</source>
        <translation>关闭 ProText Studio</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last class-list edit (Ctrl+Z)</source>
        <translation>撤销上一次类别列表编辑 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the last undone class-list edit</source>
        <translation>重做上一次撤销的类别列表编辑</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Put every panel back where it started</source>
        <translation>将所有面板恢复到初始位置</translation>
    </message>
    <message>
        <source>E&amp;xport Prompts for the Authors&apos; Code…</source>
        <translation>导出供作者代码使用的提示词(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the current prompts as a Dassl checkpoint (model.pth.tar) the ProText code loads</source>
        <translation>将当前提示词写为 ProText 代码可加载的 Dassl 检查点 (model.pth.tar)</translation>
    </message>
    <message>
        <source>&amp;About ProText Studio</source>
        <translation>关于 ProText Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本和许可证</translation>
    </message>
    <message>
        <source>Quick &amp;Guide</source>
        <translation>快速指南(&amp;G)</translation>
    </message>
    <message>
        <source>The four methods, training and the charts in a page</source>
        <translation>一页说明四种方法、训练和图表</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every command that has a key</source>
        <translation>所有带快捷键的命令</translation>
    </message>
    <message>
        <source>Export Prompts</source>
        <translation>导出提示词</translation>
    </message>
    <message>
        <source>Dassl checkpoints (model.pth.tar*);;All files (*)</source>
        <translation>Dassl 检查点 (model.pth.tar*);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent Project</source>
        <translation>打开最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>E&amp;valuate</source>
        <translation>评估(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation>显示或隐藏“%1”面板</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Demo classes</source>
        <translation>示例类别</translation>
    </message>
    <message>
        <source>The examples come with their own classes, and the class list has unsaved changes. Save the project first?</source>
        <translation>示例自带类别，而当前类别列表有未保存的更改。先保存项目吗？</translation>
    </message>
    <message numerus="yes">
        <source>Examples: %n images of the mini model&apos;s world; pick one to compare the methods.</source>
        <translation>
            <numerusform>示例：迷你模型世界中的 %n 张图像；选择一张即可比较各方法。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>%1 no longer exists; it is removed from the recent projects.</source>
        <translation>%1 已不存在，已将其从最近的项目中移除。</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <source>&amp;Clear Recent Projects</source>
        <translation>清除最近的项目(&amp;C)</translation>
    </message>
    <message>
        <source>This project opens the model “%1” from another folder:
%2

Open it only if you trust where the project and the model came from. Open the model?</source>
        <translation>此项目会打开另一个文件夹中的模型“%1”：
%2

只有在信任项目和模型的来源时才应打开。要打开该模型吗？</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Don&apos;t Open</source>
        <translation>不打开</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The class list has unsaved changes. Save the project before starting a new one?</source>
        <translation>类别列表有未保存的更改。新建项目前要保存当前项目吗？</translation>
    </message>
    <message>
        <source>The class list has unsaved changes. Save the project before opening another?</source>
        <translation>类别列表有未保存的更改。打开其他项目前要保存当前项目吗？</translation>
    </message>
    <message>
        <source>The project&apos;s model was not opened, nor its prompts; open the model from the Model panel when you trust it.</source>
        <translation>未打开项目的模型及其提示；如果信任该模型，请在“模型”面板中打开它。</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>ProText projects (*.protext)</source>
        <translation>ProText 项目 (*.protext)</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>untitled.protext</source>
        <translation>未命名.protext</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>mini model (embedded)</source>
        <translation>迷你模型（内置）</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <source>Memory: %1 MB</source>
        <translation>内存：%1 MB</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>The language changes everywhere the next time ProText Studio starts.</source>
        <translation>下次启动 ProText Studio 时，所有位置的语言都会更改。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Restart ProText Studio now to show it in the new language? The project reopens as it is.</source>
        <translation>现在重新启动 ProText Studio 以显示新语言吗？项目会按原样重新打开。</translation>
    </message>
    <message>
        <source>The class list has unsaved changes. Save the project before restarting?</source>
        <translation>类别列表有未保存的更改。重新启动前保存项目吗？</translation>
    </message>
    <message>
        <source>ProText Studio could not be started again; the new language shows at the next start.</source>
        <translation>无法重新启动 ProText Studio；新语言将在下次启动时显示。</translation>
    </message>
    <message>
        <source>About ProText Studio</source>
        <translation>关于 ProText Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ProText Studio %1&lt;/h3&gt;&lt;p&gt;Learn CLIP prompts from text alone (ProText), and compare them with a single template, a template ensemble and LLM descriptions.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch · OpenCV · QCustomPlot · sentencepiece&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ProText Studio %1&lt;/h3&gt;&lt;p&gt;仅从文本学习 CLIP 提示词 (ProText)，并与单一模板、模板集成和 LLM 描述进行比较。&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch · OpenCV · QCustomPlot · sentencepiece&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it and quit? The last finished epoch is kept in its checkpoint.</source>
        <translation>训练正在进行中。要停止训练并退出吗？最后完成的轮次会保存在其检查点中。</translation>
    </message>
    <message>
        <source>The class list has unsaved changes. Save the project before quitting?</source>
        <translation>类别列表有未保存的更改。退出前要保存项目吗？</translation>
    </message>
    <message>
        <source>The classifiers could not be built: %1</source>
        <translation>无法构建分类器：%1</translation>
    </message>
    <message>
        <source>Classifiers</source>
        <translation>分类器</translation>
    </message>
    <message>
        <source>Prompts loaded: %1</source>
        <translation>已加载提示词：%1</translation>
    </message>
    <message>
        <source>Could not load the prompts %1:
%2</source>
        <translation>无法加载提示词 %1：
%2</translation>
    </message>
    <message>
        <source>Prompts exported to %1</source>
        <translation>提示词已导出到 %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n files to %1</source>
        <translation>
            <numerusform>已导出 %n 个文件到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Open a model before training.</source>
        <translation>请先打开模型再进行训练。</translation>
    </message>
    <message>
        <source>no model is open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>Open a model before evaluating.</source>
        <translation>请先打开模型再进行评估。</translation>
    </message>
    <message>
        <source>&amp;Classify Folder…</source>
        <translation>分类文件夹(&amp;C)…</translation>
    </message>
    <message>
        <source>Label every image of a folder with each method, side by side, into a CSV or JSON Lines file</source>
        <translation>用每种方法并排标注文件夹中的每张图像，写入 CSV 或 JSONL 文件</translation>
    </message>
    <message>
        <source>Export &amp;Classifier…</source>
        <translation>导出分类器(&amp;C)…</translation>
    </message>
    <message>
        <source>Write one method&apos;s class weights, logit scale and class names for use in other code</source>
        <translation>写出某种方法的类别权重、对数几率缩放系数和类别名称，供其他代码使用</translation>
    </message>
    <message>
        <source>Classify Folder</source>
        <translation>分类文件夹</translation>
    </message>
    <message>
        <source>Open a model before classifying.</source>
        <translation>请先打开模型再分类。</translation>
    </message>
    <message>
        <source>There are no classifiers yet: add classes first.</source>
        <translation>还没有分类器：请先添加类别。</translation>
    </message>
    <message>
        <source>The classifiers are being rebuilt; try again in a moment.</source>
        <translation>分类器正在重建；请稍后再试。</translation>
    </message>
    <message>
        <source>A folder is already being classified.</source>
        <translation>已有一个文件夹正在分类。</translation>
    </message>
    <message>
        <source>Classifying the images of %1…</source>
        <translation>正在分类 %1 中的图像…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Classifying images: %1 of %2</source>
        <translation>正在分类图像：%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Classified %n images into %1</source>
        <translation>
            <numerusform>已将 %n 张图像的分类写入 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped</source>
        <translation>
            <numerusform>已跳过 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Classifying the folder was cancelled; nothing was written.</source>
        <translation>文件夹分类已取消；未写入任何内容。</translation>
    </message>
    <message>
        <source>Folder of Images to Classify</source>
        <translation>要分类的图像文件夹</translation>
    </message>
    <message>
        <source>Save Predictions</source>
        <translation>保存预测</translation>
    </message>
    <message>
        <source>CSV, best class per method (*.csv);;JSON Lines, top 5 per method (*.jsonl)</source>
        <translation>CSV，每种方法的最佳类别 (*.csv);;JSONL，每种方法的前 5 个 (*.jsonl)</translation>
    </message>
    <message>
        <source>Exported the %1 classifier: %2</source>
        <translation>已导出 %1 分类器：%2</translation>
    </message>
    <message>
        <source>Export Classifier</source>
        <translation>导出分类器</translation>
    </message>
    <message>
        <source>There are no classifiers yet: open a model and add classes first.</source>
        <translation>还没有分类器：请先打开模型并添加类别。</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>safetensors, metadata inside (*.safetensors);;NumPy, metadata in a .json beside it (*.npy)</source>
        <translation>safetensors，元数据在文件内 (*.safetensors);;NumPy，元数据在旁边的 .json 中 (*.npy)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>嵌入图</translation>
    </message>
</context>
<context>
    <name>protext::MethodComparisonView</name>
    <message>
        <source>Drop an image to compare the methods</source>
        <translation>拖入一张图像以比较各方法</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>No prediction</source>
        <translation>无预测</translation>
    </message>
    <message numerus="yes">
        <source>%1: the %n most probable classes</source>
        <translation>
            <numerusform>%1：最可能的 %n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>disagrees</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>no prediction</source>
        <translation>无预测</translation>
    </message>
    <message>
        <source>top-1 is the true class</source>
        <translation>Top-1 即为真实类别</translation>
    </message>
    <message>
        <source>top-1: %1</source>
        <translation>Top-1：%1</translation>
    </message>
    <message>
        <source>true class not in top %1</source>
        <translation>真实类别不在前 %1 个中</translation>
    </message>
    <message>
        <source>%1 picks %2 where most methods pick %3</source>
        <translation>%1 选择了 %2，而多数方法选择了 %3</translation>
    </message>
    <message>
        <source>%1&apos;s most probable classes for this image</source>
        <translation>%1 对此图像给出的最可能类别</translation>
    </message>
</context>
<context>
    <name>MethodStyle</name>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>模板集成</translation>
    </message>
    <message>
        <source>Descriptions</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>protext::ModelPanel</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>GPU %1 (CUDA)</source>
        <translation>GPU %1 (CUDA)</translation>
    </message>
    <message>
        <source>Open model &amp;file…</source>
        <translation>打开模型文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open CLIP weights: an OpenAI .pt file or a .safetensors file (Ctrl+Shift+O)</source>
        <translation>打开 CLIP 权重：OpenAI .pt 文件或 .safetensors 文件 (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Open model f&amp;older…</source>
        <translation>打开模型文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>Open a Hugging Face CLIP folder (config.json and weights) (Ctrl+Alt+O)</source>
        <translation>打开 Hugging Face CLIP 文件夹（含 config.json 和权重） (Ctrl+Alt+O)</translation>
    </message>
    <message>
        <source>Use the &amp;embedded mini model</source>
        <translation>使用内置迷你模型(&amp;E)</translation>
    </message>
    <message>
        <source>Open the small CLIP shipped with the studio: it trains in seconds and needs no download</source>
        <translation>打开随本程序附带的小型 CLIP：几秒钟即可完成训练，无需下载</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Mini model</source>
        <translation>迷你模型</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Where the model runs; changing it reopens the open model there</source>
        <translation>模型运行的位置；更改后会在该设备上重新打开当前模型</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>No model is open. Open CLIP weights, or try the embedded mini model.</source>
        <translation>尚未打开模型。请打开 CLIP 权重，或试用内置迷你模型。</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Embedding:</source>
        <translation>嵌入：</translation>
    </message>
    <message>
        <source>Vision:</source>
        <translation>视觉：</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>词元：</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>最近使用的模型</translation>
    </message>
    <message>
        <source>Double-click to open again; right-click to remove</source>
        <translation>双击可重新打开；右键单击可移除</translation>
    </message>
    <message>
        <source>Models you open are listed here.</source>
        <translation>打开过的模型会列在这里。</translation>
    </message>
    <message>
        <source>%1 does not exist (any more).</source>
        <translation>%1 不存在（可能已被删除）。</translation>
    </message>
    <message>
        <source>Open CLIP weights</source>
        <translation>打开 CLIP 权重</translation>
    </message>
    <message>
        <source>CLIP weights (*.pt *.safetensors);;OpenAI checkpoints (*.pt);;Safetensors (*.safetensors);;All files (*)</source>
        <translation>CLIP 权重 (*.pt *.safetensors);;OpenAI 检查点 (*.pt);;Safetensors (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a Hugging Face CLIP folder</source>
        <translation>打开 Hugging Face CLIP 文件夹</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（缺失）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Opening the embedded mini model…</source>
        <translation>正在打开内置迷你模型…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>embedded mini model</source>
        <translation>内置迷你模型</translation>
    </message>
    <message>
        <source>%1 dimensions</source>
        <translation>%1 维</translation>
    </message>
    <message>
        <source>width %1</source>
        <translation>宽度 %1</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 层</translation>
    </message>
    <message>
        <source>%1 heads</source>
        <translation>%1 个注意力头</translation>
    </message>
    <message>
        <source>%1 px · patch %2</source>
        <translation>%1 像素 · 图块 %2</translation>
    </message>
    <message>
        <source>context %1 · vocabulary %2</source>
        <translation>上下文 %1 · 词表 %2</translation>
    </message>
</context>
<context>
    <name>protext::ModelService</name>
    <message>
        <source>No class has descriptions yet. Type them in the Classes panel, or import a descriptions file (Edit → Import Descriptions…).</source>
        <translation>还没有任何类别有描述。请在“类别”面板中输入，或导入描述文件（编辑 → 导入描述…）。</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not shown: %n classes without descriptions (%1). Add descriptions for them in the Classes panel to compare this method.</source>
        <translation>
            <numerusform>未显示：%n 个类别没有描述（%1）。在“类别”面板中为它们添加描述即可比较此方法。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveClass</name>
    <message>
        <source>Move class &apos;%1&apos;</source>
        <translation>移动类别“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Move %n classes</source>
        <translation>
            <numerusform>移动 %n 个类别</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::PairedComparisonView</name>
    <message>
        <source>Images both methods get right, only one of them, or neither; click a count to see its images</source>
        <translation>两种方法都正确、仅一种正确或都不正确的图像；点击数字查看其图像</translation>
    </message>
    <message>
        <source>Per class, what &lt;b&gt;%1&lt;/b&gt; fixes and breaks relative to &lt;b&gt;%2&lt;/b&gt;:</source>
        <translation>按类别，&lt;b&gt;%1&lt;/b&gt; 相对于 &lt;b&gt;%2&lt;/b&gt; 修正和弄错的图像：</translation>
    </message>
</context>
<context>
    <name>protext::PairedTableModel</name>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 对 %2</translation>
    </message>
    <message>
        <source>Click to open these images in the image grid</source>
        <translation>点击在图像网格中打开这些图像</translation>
    </message>
    <message numerus="yes">
        <source>McNemar&apos;s exact test on the %n images the two methods disagree on: the chance of a split at least this uneven if both were equally good</source>
        <translation>
            <numerusform>对两种方法结论不一致的 %n 张图像做 McNemar 精确检验：若两者一样好，出现至少如此不均衡分布的概率</numerusform>
        </translation>
    </message>
    <message>
        <source>Methods A vs B</source>
        <translation>方法 A 对 B</translation>
    </message>
    <message>
        <source>Both right</source>
        <translation>都正确</translation>
    </message>
    <message>
        <source>Only A</source>
        <translation>仅 A</translation>
    </message>
    <message>
        <source>Only B</source>
        <translation>仅 B</translation>
    </message>
    <message>
        <source>Both wrong</source>
        <translation>都错误</translation>
    </message>
    <message>
        <source>McNemar p</source>
        <translation>McNemar p 值</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>弄错</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净值</translation>
    </message>
    <message>
        <source>Images %1 gets wrong and %2 right</source>
        <translation>%1 错误而 %2 正确的图像</translation>
    </message>
    <message>
        <source>Images %1 gets right and %2 wrong</source>
        <translation>%1 正确而 %2 错误的图像</translation>
    </message>
</context>
<context>
    <name>protext::PreferencesDialog</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>GPU %1 (CUDA)</source>
        <translation>GPU %1 (CUDA)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Descriptions from an LLM</source>
        <translation>来自 LLM 的描述</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>An OpenAI-compatible API root: llama.cpp or LM Studio (http://127.0.0.1:8080/v1), Ollama (http://127.0.0.1:11434/v1) or https://api.openai.com/v1</source>
        <translation>兼容 OpenAI 的 API 根地址：llama.cpp 或 LM Studio（http://127.0.0.1:8080/v1）、Ollama（http://127.0.0.1:11434/v1）或 https://api.openai.com/v1</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>The model the server answers with, e.g. llama3 or gpt-4o-mini</source>
        <translation>服务器用来回答的模型，例如 llama3 或 gpt-4o-mini</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Kept in the system keychain for this server only; never in a settings file or a project</source>
        <translation>仅为此服务器保存在系统密钥环中；从不写入设置文件或项目</translation>
    </message>
    <message>
        <source>&amp;Forget Key</source>
        <translation>忘记密钥(&amp;F)</translation>
    </message>
    <message>
        <source>Remove this server&apos;s key from the system keychain</source>
        <translation>从系统密钥环中删除此服务器的密钥</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Ask the server one short question</source>
        <translation>向服务器提一个简短的问题</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>系统：%1</translation>
    </message>
    <message>
        <source>Language of menus and dialogs; all of the window follows the next time ProText Studio starts</source>
        <translation>菜单和对话框的语言；整个窗口在下次启动 ProText Studio 时切换</translation>
    </message>
    <message>
        <source>Default &amp;device:</source>
        <translation>默认设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Where models run when a project does not choose a device</source>
        <translation>项目未指定设备时模型运行的位置</translation>
    </message>
    <message>
        <source>&amp;Cache folder:</source>
        <translation>缓存文件夹(&amp;C)：</translation>
    </message>
    <message>
        <source>Folder for text and image embeddings kept between sessions (shared with protext); empty means the default</source>
        <translation>跨会话保存文本与图像嵌入的文件夹（与 protext 共用）；留空表示使用默认位置</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the cache folder</source>
        <translation>选择缓存文件夹</translation>
    </message>
    <message>
        <source>&amp;Keep embeddings between sessions</source>
        <translation>跨会话保留嵌入(&amp;K)</translation>
    </message>
    <message>
        <source>Reopening a model encodes only texts and images it has not seen; off: everything is encoded again</source>
        <translation>重新打开模型时只编码未见过的文本和图像；关闭时全部重新编码</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Delete every embedding kept in the cache folder</source>
        <translation>删除缓存文件夹中保存的全部嵌入</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU 线程数(&amp;T)：</translation>
    </message>
    <message numerus="yes">
        <source>Threads for work on the CPU; this computer has %n logical cores</source>
        <translation>
            <numerusform>用于 CPU 计算的线程数；此计算机有 %n 个逻辑核心</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open the built-in mini model at start</source>
        <translation>启动时打开内置迷你模型(&amp;O)</translation>
    </message>
    <message>
        <source>Start with the small embedded model, so the studio works before any model is downloaded</source>
        <translation>以小型内置模型启动，这样在下载任何模型之前即可使用本程序</translation>
    </message>
    <message>
        <source>Put every preference back to its default</source>
        <translation>将所有首选项恢复为默认值</translation>
    </message>
    <message>
        <source>Save the preferences and keep the dialog open</source>
        <translation>保存首选项并保持对话框打开</translation>
    </message>
    <message>
        <source>The key in the environment variable OPENAI_API_KEY is used.</source>
        <translation>将使用环境变量 OPENAI_API_KEY 中的密钥。</translation>
    </message>
    <message>
        <source>A server that needs a key can also read it from the environment variable OPENAI_API_KEY.</source>
        <translation>需要密钥的服务器也可以从环境变量 OPENAI_API_KEY 读取密钥。</translation>
    </message>
    <message>
        <source>Reading the system keychain…</source>
        <translation>正在读取系统密钥环…</translation>
    </message>
    <message>
        <source>A key for this server is saved in the system keychain. Type a new one to replace it.</source>
        <translation>此服务器的密钥已保存在系统密钥环中。输入新密钥即可替换。</translation>
    </message>
    <message>
        <source>No key saved for this server; one typed here is kept in the system keychain, never in a file.</source>
        <translation>此服务器尚未保存密钥；在此输入的密钥会保存在系统密钥环中，从不写入文件。</translation>
    </message>
    <message>
        <source>No system keychain is available, so no key can be saved here.</source>
        <translation>没有可用的系统密钥环，因此无法在此保存密钥。</translation>
    </message>
    <message>
        <source>The key was not saved: the system keychain refused it (%1).</source>
        <translation>密钥未保存：系统密钥环拒绝了它（%1）。</translation>
    </message>
    <message>
        <source>The system keychain said: %1</source>
        <translation>系统密钥环的消息：%1</translation>
    </message>
    <message>
        <source>Saved in the system keychain</source>
        <translation>已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Enter the server and the model first.</source>
        <translation>请先输入服务器和模型。</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在询问 %1…</translation>
    </message>
    <message>
        <source>Connected, but the server sent no answer.</source>
        <translation>已连接，但服务器没有回答。</translation>
    </message>
    <message>
        <source>Connected: &quot;%1&quot;</source>
        <translation>已连接：“%1”</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>This build has no translation for %1 yet; English is shown.</source>
        <translation>此版本尚无 %1 的翻译；将显示英文。</translation>
    </message>
    <message>
        <source>Cache Folder</source>
        <translation>缓存文件夹</translation>
    </message>
    <message>
        <source>%1 in use</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>The saved device “%1” is not available on this computer; %2 is used instead.</source>
        <translation>保存的设备“%1”在此计算机上不可用；将改用 %2。</translation>
    </message>
</context>
<context>
    <name>protext::PromptsPanel</name>
    <message>
        <source>Vector</source>
        <translation>向量</translation>
    </message>
    <message>
        <source>Train or load prompts to see what the learned context resembles</source>
        <translation>训练或加载提示词，以查看学习到的上下文与什么相似</translation>
    </message>
    <message>
        <source>Learned context vector %1 of %2</source>
        <translation>学习到的上下文向量 %1/%2</translation>
    </message>
    <message>
        <source>%1. %2 (cosine %3)</source>
        <translation>%1. %2（余弦 %3）</translation>
    </message>
    <message>
        <source>Learned prompts · %1 context vectors</source>
        <translation>学习到的提示词 · %1 个上下文向量</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 context vectors</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 个上下文向量</translation>
    </message>
    <message>
        <source>Nearest words (cosine)</source>
        <translation>最近的词（余弦）</translation>
    </message>
    <message>
        <source>Each learned context vector&apos;s nearest vocabulary words in embedding space, by cosine similarity; &quot;-&quot; marks a piece of a word (&quot;photo-&quot; goes on into the next piece)</source>
        <translation>每个学习到的上下文向量在嵌入空间中按余弦相似度最近的词表词；“-”表示词的一部分（“photo-”接续下一个片段）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Toward its descriptions</source>
        <translation>向其描述靠近</translation>
    </message>
    <message>
        <source>Nearest texts (cosine)</source>
        <translation>最近的文本（余弦）</translation>
    </message>
    <message>
        <source>no descriptions</source>
        <translation>无描述</translation>
    </message>
    <message>
        <source>Cosine with the mean of %1&apos;s own descriptions: %2 from the single template, %3 from the learned prompts</source>
        <translation>与“%1”自身描述均值的余弦：单一模板为 %2，学习到的提示为 %3</translation>
    </message>
    <message>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>description of %1</source>
        <translation>%1 的描述</translation>
    </message>
    <message>
        <source>%1. %2 (%3, cosine %4)</source>
        <translation>%1. %2（%3，余弦 %4）</translation>
    </message>
    <message>
        <source>By meaning: the learned prompts moved %1 of %2 classes closer to their own descriptions.</source>
        <translation>按含义：学习到的提示使 %2 个类别中的 %1 个更接近其自身的描述。</translation>
    </message>
    <message>
        <source>By meaning: %1</source>
        <translation>按含义：%1</translation>
    </message>
</context>
<context>
    <name>protext::QuickGuideDialog</name>
    <message>
        <source>Quick Guide</source>
        <translation>快速指南</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Compare four ways of turning class names into a classifier&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Template&lt;/b&gt;: one sentence per class, &quot;a photo of a {class}.&quot;&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ensemble&lt;/b&gt;: the mean of CLIP&apos;s 80 sentence templates.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Descriptions&lt;/b&gt;: the mean of LLM-written descriptions of each class (CuPL); every class needs some.&lt;/li&gt;&lt;li&gt;&lt;b&gt;ProText&lt;/b&gt;: prompts learned from the descriptions alone, then used for any class list.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Try it&lt;/h3&gt;&lt;p&gt;Drop images or a folder on the window. Each image gets four charts of the most likely classes; a green tick marks the true class when the image sits in a folder named after it, and a method that disagrees with the others is flagged.&lt;/p&gt;&lt;h3&gt;Train&lt;/h3&gt;&lt;p&gt;Edit the classes and their descriptions in the Classes panel, then press Start training. The loss falls as the prompts learn; when the run ends, its prompts become the ProText method. Runs can be stopped and resumed.&lt;/p&gt;&lt;h3&gt;Evaluate&lt;/h3&gt;&lt;p&gt;In the Evaluate tab, choose a folder with one sub-folder of images per class: each method&apos;s accuracy, per-class results and confusion matrix appear, and Export writes the same report as &lt;tt&gt;protext eval&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;比较把类别名变成分类器的四种方法&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;单一模板&lt;/b&gt;：每个类别一句话，&quot;a photo of a {class}.&quot;&lt;/li&gt;&lt;li&gt;&lt;b&gt;模板集成&lt;/b&gt;：CLIP 的 80 个句子模板的平均。&lt;/li&gt;&lt;li&gt;&lt;b&gt;描述&lt;/b&gt;：大语言模型为每个类别写的描述的平均（CuPL）；每个类别都需要描述。&lt;/li&gt;&lt;li&gt;&lt;b&gt;ProText&lt;/b&gt;：只从描述学到的提示，之后可用于任何类别列表。&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;试一试&lt;/h3&gt;&lt;p&gt;把图像或文件夹拖到窗口上。每张图像得到四张最可能类别的图表；图像位于以类别命名的文件夹中时，绿色对勾标出真实类别，与其他方法意见不同的方法会被标出。&lt;/p&gt;&lt;h3&gt;训练&lt;/h3&gt;&lt;p&gt;在“类别”面板中编辑类别及其描述，然后点击“开始训练”。提示学习时损失下降；训练结束后，其提示成为 ProText 方法。训练可以停止并继续。&lt;/p&gt;&lt;h3&gt;评估&lt;/h3&gt;&lt;p&gt;在“评估”标签页中选择一个每个类别一个子文件夹的图像文件夹：显示每种方法的准确率、各类别结果和混淆矩阵，“导出”写出与 &lt;tt&gt;protext eval&lt;/tt&gt; 相同的报告。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RemoveClasses</name>
    <message>
        <source>Remove class &apos;%1&apos;</source>
        <translation>移除类别“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n classes</source>
        <translation>
            <numerusform>移除 %n 个类别</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RenameClass</name>
    <message>
        <source>Rename class &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>将类别“%1”重命名为“%2”</translation>
    </message>
</context>
<context>
    <name>ReplaceAll</name>
    <message>
        <source>Replace class list</source>
        <translation>替换类别列表</translation>
    </message>
</context>
<context>
    <name>SetDescriptions</name>
    <message>
        <source>Edit descriptions of &apos;%1&apos;</source>
        <translation>编辑“%1”的描述</translation>
    </message>
</context>
<context>
    <name>protext::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>protext::TrainingPanel</name>
    <message>
        <source>Cross-dataset</source>
        <translation>跨数据集</translation>
    </message>
    <message>
        <source>Base to novel</source>
        <translation>基类到新类</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>仅文本</translation>
    </message>
    <message>
        <source>epoch %1/%2</source>
        <translation>轮次 %1/%2</translation>
    </message>
    <message>
        <source>step %1/%2</source>
        <translation>步 %1/%2</translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation>%1 样本/秒</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Learn prompts from the class descriptions with these settings (F5)</source>
        <translation>使用这些设置从类别描述中学习提示词 (F5)</translation>
    </message>
    <message>
        <source>S&amp;top training</source>
        <translation>停止训练(&amp;T)</translation>
    </message>
    <message>
        <source>Stop after the current step; the checkpoint keeps the last finished epoch (Shift+F5)</source>
        <translation>在当前步之后停止；检查点保留最后完成的轮次 (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Resume training…</source>
        <translation>恢复训练(&amp;R)…</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its checkpoint, with the settings it was started with (Ctrl+F5)</source>
        <translation>从检查点继续被中断的训练，沿用其启动时的设置 (Ctrl+F5)</translation>
    </message>
    <message>
        <source>Sa&amp;ve prompts…</source>
        <translation>保存提示词(&amp;V)…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+S</source>
        <translation>Ctrl+Alt+S</translation>
    </message>
    <message>
        <source>Save a copy of the prompts the last run learned (Ctrl+Alt+S)</source>
        <translation>保存上次训练所学提示词的副本 (Ctrl+Alt+S)</translation>
    </message>
    <message>
        <source>&amp;Load prompts…</source>
        <translation>加载提示词(&amp;L)…</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Use prompts saved by ProText Studio or protext train for the ProText method (Ctrl+L)</source>
        <translation>将 ProText Studio 或 protext train 保存的提示词用于 ProText 方法 (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Import authors&apos; checkpoint…</source>
        <translation>导入作者的检查点(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Use a prompt checkpoint released with the ProText paper (a Dassl model.pth.tar file) (Ctrl+Shift+L)</source>
        <translation>使用随 ProText 论文发布的提示词检查点（Dassl model.pth.tar 文件） (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Load prompts saved earlier, or the authors&apos; released checkpoint</source>
        <translation>加载先前保存的提示词，或作者发布的检查点</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>The paper&apos;s settings: cross-dataset 10 epochs, base-to-novel 30, text-only 200 epochs with 16 context vectors</source>
        <translation>论文中的设置：跨数据集 10 个轮次，基类到新类 30 个轮次，仅文本 200 个轮次并使用 16 个上下文向量</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Set every value back to the preset&apos;s</source>
        <translation>将所有值恢复为预设值</translation>
    </message>
    <message>
        <source>Changed from the preset</source>
        <translation>已偏离预设</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Training messages appear here.</source>
        <translation>训练消息显示在这里。</translation>
    </message>
    <message>
        <source>The preset&apos;s reference settings</source>
        <translation>预设的参考设置</translation>
    </message>
    <message>
        <source>Cannot start training: %1</source>
        <translation>无法开始训练：%1</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation>正在准备训练数据…</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation>无法恢复训练：%1</translation>
    </message>
    <message>
        <source>Cannot resume from %1: its prompts are %2 layers deep, the open model has %3 text layers</source>
        <translation>无法从 %1 恢复：其提示词深度为 %2 层，而当前模型有 %3 个文本层</translation>
    </message>
    <message>
        <source>Resuming %1 after epoch %2 of %3</source>
        <translation>正在恢复 %1（从第 %2 轮之后继续，共 %3 轮）</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>将在此步之后停止…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步之后停止…</translation>
    </message>
    <message>
        <source>epoch 1/%1 · step 0/%2</source>
        <translation>轮次 1/%1 · 步 0/%2</translation>
    </message>
    <message>
        <source>Started: %1 steps · preset %2 · lr %3 · batch %4 · %5 context vectors · depth %6</source>
        <translation>已开始：%1 步 · 预设 %2 · 学习率 %3 · 批大小 %4 · %5 个上下文向量 · 深度 %6</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Training started</source>
        <translation>训练已开始</translation>
    </message>
    <message>
        <source>Epoch %1/%2: mean loss %3 · lr %4</source>
        <translation>第 %1/%2 轮：平均损失 %3 · 学习率 %4</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stopped before the first epoch finished; nothing was saved</source>
        <translation>在第一个轮次完成前停止；未保存任何内容</translation>
    </message>
    <message>
        <source>Stopped; the prompts of the last finished epoch are in %1</source>
        <translation>已停止；最后完成轮次的提示词保存在 %1</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Finished: prompts written to %1</source>
        <translation>已完成：提示词已写入 %1</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation>训练已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>No prompts to save yet: train first</source>
        <translation>尚无可保存的提示词：请先训练</translation>
    </message>
    <message>
        <source>Cannot copy the prompts to %1</source>
        <translation>无法将提示词复制到 %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Saved the prompts as %1</source>
        <translation>已将提示词保存为 %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Resume training from a checkpoint</source>
        <translation>从检查点恢复训练</translation>
    </message>
    <message>
        <source>ProText checkpoints (*.safetensors);;All files (*)</source>
        <translation>ProText 检查点 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save prompts</source>
        <translation>保存提示词</translation>
    </message>
    <message>
        <source>ProText prompts (*.safetensors)</source>
        <translation>ProText 提示词 (*.safetensors)</translation>
    </message>
    <message>
        <source>Import the authors&apos; checkpoint</source>
        <translation>导入作者的检查点</translation>
    </message>
    <message>
        <source>Dassl checkpoints (model.pth.tar* *.pth *.tar);;All files (*)</source>
        <translation>Dassl 检查点 (model.pth.tar* *.pth *.tar);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load prompts</source>
        <translation>加载提示词</translation>
    </message>
    <message>
        <source>ProText prompts (*.safetensors);;All files (*)</source>
        <translation>ProText 提示词 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loading prompts from %1</source>
        <translation>正在从 %1 加载提示词</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Passes over all description pairs; the learning-rate schedule spans them</source>
        <translation>遍历所有描述对的次数；学习率调度覆盖全部轮次</translation>
    </message>
    <message>
        <source>by epochs</source>
        <translation>按轮次</translation>
    </message>
    <message>
        <source>Stop after this many optimiser steps; 0 runs all the epochs</source>
        <translation>在执行这么多优化器步后停止；0 表示运行全部轮次</translation>
    </message>
    <message>
        <source>Description pairs per optimiser step</source>
        <translation>每个优化器步的描述对数</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>One step per epoch over all pairs (overrides the batch size)</source>
        <translation>每轮对所有描述对只执行一步（覆盖批大小）</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>A new order of the pairs every epoch (fixed by the seed)</source>
        <translation>每轮重新打乱描述对的顺序（由随机种子确定）</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW</source>
        <translation>AdamW 的峰值学习率</translation>
    </message>
    <message>
        <source>AdamW&apos;s decoupled weight decay</source>
        <translation>AdamW 的解耦权重衰减</translation>
    </message>
    <message>
        <source>Reference (warm-up, cosine)</source>
        <translation>参考（预热、余弦）</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Reference: 5 warm-up epochs at 1e-5, then cosine decay, as the released configs</source>
        <translation>参考：先以 1e-5 预热 5 个轮次，再进行余弦衰减，与发布的配置一致</translation>
    </message>
    <message>
        <source>L1 (mean absolute error)</source>
        <translation>L1（平均绝对误差）</translation>
    </message>
    <message>
        <source>MSE (mean squared error)</source>
        <translation>MSE（均方误差）</translation>
    </message>
    <message>
        <source>Distance between the prompted class embedding and its description&apos;s embedding</source>
        <translation>加入提示词的类别嵌入与其描述嵌入之间的距离</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>调度：</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失：</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Learned context vectors per prompt (4 start from &quot;a photo of a&quot;)</source>
        <translation>每个提示词的可学习上下文向量数（为 4 时从“a photo of a”开始）</translation>
    </message>
    <message>
        <source>Text layers that get their own prompts; 1 prompts the input only</source>
        <translation>拥有各自提示词的文本层数；1 表示仅提示输入层</translation>
    </message>
    <message>
        <source>The class-name sentence the prompts replace; {} stands for the class name</source>
        <translation>提示词所替换的类别名称句子；{} 代表类别名称</translation>
    </message>
    <message>
        <source>Fixes the initial prompts and the shuffling: the same seed repeats a run exactly</source>
        <translation>固定初始提示词和打乱顺序：相同的种子可完全重现一次训练</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <source>Depth:</source>
        <translation>深度：</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Text layers that get their own prompts; 1 prompts the input only. This model&apos;s text tower has %1 layers.</source>
        <translation>拥有各自提示词的文本层数；1 表示仅提示输入层。此模型的文本塔有 %1 层。</translation>
    </message>
</context>
<context>
    <name>protext::TrainingService</name>
    <message>
        <source>prompt depth lowered to %1, the text tower&apos;s layer count</source>
        <translation>提示词深度已降为 %1，即文本塔的层数</translation>
    </message>
    <message>
        <source>A training run is already in progress.</source>
        <translation>已有训练正在进行。</translation>
    </message>
    <message>
        <source>stopped before the first epoch ended; nothing was saved</source>
        <translation>在第一个轮次结束前停止；未保存任何内容</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Learn and compare CLIP prompts.</source>
        <translation>学习并比较 CLIP 提示词。</translation>
    </message>
    <message>
        <source>Models, projects or images to open.</source>
        <translation>要打开的模型、项目或图像。</translation>
    </message>
</context>
<context>
    <name>protext::PanelAction</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>protext::HeatMapStrip</name>
    <message>
        <source>%1: %2 (%3%)</source>
        <translation>%1：%2（%3%）</translation>
    </message>
    <message>
        <source>Its descriptions, by how well the image matches them:</source>
        <translation>该类的描述，按与图像的匹配程度排序：</translation>
    </message>
    <message>
        <source>Red: the patches that raise this class&apos;s score most.</source>
        <translation>红色：最能提高该类得分的图像块。</translation>
    </message>
</context>
<context>
    <name>protext::HeatMapPanel</name>
    <message>
        <source>Heat maps</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Under each chart, the parts of the image its top class&apos;s score comes from (gradient-weighted attention relevance)</source>
        <translation>在每个图表下方显示首选类别的得分来自图像的哪些部分（梯度加权注意力相关性）</translation>
    </message>
    <message>
        <source>How strongly the heat covers the image</source>
        <translation>热力图覆盖图像的浓淡</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度：</translation>
    </message>
    <message>
        <source>Computing the heat maps…</source>
        <translation>正在计算热力图…</translation>
    </message>
    <message>
        <source>No heat maps: %1</source>
        <translation>无法生成热力图：%1</translation>
    </message>
</context>
<context>
    <name>protext::EmbeddingMapView</name>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>模板集成</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Descriptions&apos; mean</source>
        <translation>描述均值</translation>
    </message>
    <message>
        <source>ProText</source>
        <translation>ProText</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>The map appears once there are classes to place.</source>
        <translation>有了类别之后，嵌入图将显示在这里。</translation>
    </message>
    <message>
        <source>○ template  □ ensemble  · description  ◆ descriptions&apos; mean  ▲ ProText  ● image  — template to ProText</source>
        <translation>○ 模板  □ 模板集成  · 描述  ◆ 描述均值  ▲ ProText  ● 图像  — 从模板指向 ProText</translation>
    </message>
    <message>
        <source>Principal component 1 (%1% of the variance)</source>
        <translation>主成分 1（占方差的 %1%）</translation>
    </message>
    <message>
        <source>Principal component 2 (%1%)</source>
        <translation>主成分 2（%1%）</translation>
    </message>
    <message>
        <source>no true class</source>
        <translation>无真实类别</translation>
    </message>
    <message>
        <source>Description of %1: %2</source>
        <translation>%1 的描述：%2</translation>
    </message>
    <message>
        <source>Image %1 (%2)</source>
        <translation>图像 %1（%2）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 的%1</translation>
    </message>
</context>
<context>
    <name>protext::MapPanel</name>
    <message>
        <source>Placing the classes, descriptions and images…</source>
        <translation>正在放置类别、描述和图像…</translation>
    </message>
    <message>
        <source>%1 and %2; the two axes carry %3% of the points&apos; variance. Hover over a point to name it; click a class&apos;s point to pick the class out.</source>
        <translation>%1、%2；两个坐标轴涵盖所有点 %3% 的方差。鼠标悬停在点上可查看其名称；单击某类别的点可突出显示该类别。</translation>
    </message>
    <message numerus="yes">
        <source>%n classes</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>No map: %1</source>
        <translation>无法生成嵌入图：%1</translation>
    </message>
</context>
</TS>
