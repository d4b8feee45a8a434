<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name />
        <message>
            <location filename="../../annotator/gui/workbench/context_menu.py" line="+17" />
            <source>Apply code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Change code to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Write note…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Suggested {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Accept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Reject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Select text to apply a code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="+29" />
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;New project…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Open project…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Open &amp;recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Import articles…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Import &amp;annotations…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Write methods appendix…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Switch &amp;coder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Preferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Search documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Apply code…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Repeat last code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;hange code of annotation…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Write &amp;note on annotation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;lear the selection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Delete annotation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Annotation starts a word &amp;earlier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Annotation starts a word &amp;later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Annotation ends a word earlier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Annotation ends a word later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>C&amp;odes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Mark &amp;done and go to next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Next document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Previous document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Go to document &amp;list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Go to article &amp;text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Go to &amp;codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Go to &amp;annotations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Go to article-level &amp;form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Edit codebook…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>C&amp;oders…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>A&amp;ssign documents…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Coder &amp;packages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Merge packages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Training rounds…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Agreement between coders…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Compare and adjudicate this document…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>User &amp;guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;About Annotator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="+53" />
            <source>Show &amp;suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Find sources in this document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Suggest codes from the &amp;better of model and rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Next suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Previous suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Accept suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Reject suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>S&amp;uggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Suggestions</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AdjudicationPanel</name>
        <message>
            <location filename="../../annotator/gui/compare/compare_adjudicate.py" line="+49" />
            <source>Adjudication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Coders' spans here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Gold code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Gold span start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Gold span end</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Gold span text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <location line="+42" />
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-41" />
            <source>Why this is the right coding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <location line="+1" />
            <source>Accept as gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Save the chosen span as the gold standard (Ctrl+Return)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Remove gold span</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Remove the selected gold span</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Click a bar in the gold lane to choose it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <location line="+1" />
            <source>Accept all agreed spans</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Every span all the chosen coders gave the same code and boundaries in this document becomes gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>In every article of the project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Adjudication message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Span</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+155" />
            <source>Gold standard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-114" />
            <source>{coder}: {code}, {start}–{end} “{quote}”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+25" />
            <source>Choose a disagreement first; then drag over the words the gold span should cover.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+16" />
            <source>Gold: {0}, “{1}”, from %n coder span(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reason: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Removed the gold span “{0}”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+35" />
            <source>(empty span)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+29" />
            <source>Choose the coder's span to accept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The gold span must end after it starts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+26" />
            <source>Saved as gold: {0}, “{1}”.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+22" />
            <source>%n agreed span(s) added to the gold standard.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>No agreed span was left to add.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AgreementDashboard</name>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_dashboard.py" line="+74" />
            <source>Agreement — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Agreement dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Unit of analysis</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Paragraph</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Sentence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Continuum (characters)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>All batches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Bootstrap resamples</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>no interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Random seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-23" />
            <source>What counts as one unit of analysis; on the continuum, characters and Krippendorff's unitizing alphas (default: {0}, as on the command line)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>Resamples for alpha's confidence interval (0: none; default: {0}, as on the command line)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>The same seed gives the same interval, so a paper's figures can be reproduced (default: {0}, as on the command line)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Coders:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Include {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Compute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Compute agreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Compute the figures for these settings (F5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Cancel the computation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Computation progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Resamples</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>S&amp;eed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>Chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Open the article with most disagreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Selected variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Report parameters and notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+17" />
            <source>Figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Variables</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Diagnostics</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Plan the sample…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>How many units a reliability sample needs, before coding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Model coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+36" />
            <source>Choose at least two coders to compare.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Computing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>The computation was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+40" />
            <source>Unit: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>coders: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>documents: {0} ({1} coded by two or more)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>codebook version {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>{0} resamples, seed {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>No variable could be compared: nothing was coded by two or more of these coders.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+36" />
            <source>Level of measurement: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Share of units each coder marked: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Most disagreement in “{0}”.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AgreementTable</name>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_table.py" line="+54" />
            <source>Agreement per variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Cohen's κ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Fleiss' κ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Agreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>95% interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>P({0} &lt; 0.667)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>F1 (overlap)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Most disagreement in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Code or exclusive group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Units coded by two or more coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Pairwise percent agreement: always read it beside alpha (prevalence paradox)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <location line="+43" />
            <source>Krippendorff's alpha</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-42" />
            <source>Bootstrap percentile interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Share of bootstrap resamples with alpha below 0.667</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Chance-corrected agreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Span F1 between coders, spans matched by overlap, mean over pairs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>The document where coders disagreed most on this variable; open it with Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+58" />
            <source>{0} ({1} disagreeing)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>no disagreement</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AlphaChart</name>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_chart.py" line="+51" />
            <source>Chart of alpha per variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+57" />
            <source>No figures yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+41" />
            <source>{0} with 95% interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>undefined</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AnnotationTableModel</name>
        <message>
            <location filename="../../annotator/gui/workbench/annotations_panel.py" line="+39" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Quote</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Note</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AnnotationsPanel</name>
        <message>
            <location line="+151" />
            <source>Annotations in this document</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppendixDialog</name>
        <message>
            <location filename="../../annotator/gui/exchange/appendix_dialog.py" line="+65" />
            <source>Methods appendix — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Write methods appendix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Write to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;hoose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Unit of analysis</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Coders compared</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Variables reported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Every variable; or names separated by commas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Bootstrap resamples</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Seed of the bootstrap, so the figures can be reproduced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Alpha threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>The appendix gives P(α &lt; threshold) for each variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Appendix progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <location line="+54" />
            <location line="+50" />
            <source>&amp;Write</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-103" />
            <source>Compute and write the appendix (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Show in fo&amp;lder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>&amp;Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Variables</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Bootstrap resamples</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Alpha threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+33" />
            <source>Write the appendix to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+33" />
            <source>Tick at least one coder to compare.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Replace</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>{0} exists; press Replace to write over it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Computing the appendix…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>The appendix was not written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>Wrote {0}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ArticleText</name>
        <message>
            <location filename="../../annotator/gui/workbench/article_text.py" line="+72" />
            <source>Article text</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ArticleView</name>
        <message>
            <location filename="../../annotator/gui/workbench/article_view.py" line="+20" />
            <source>Article</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Outlet, date and link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Choose a document from the list to start coding.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+46" />
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AssignDialog</name>
        <message>
            <location filename="../../annotator/gui/team/assign_dialog.py" line="+41" />
            <source>Assign documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Coders who get documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>(adjudicator)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Documents of</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Every batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Every document to every coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>A reliability sample coded by every coder; the rest divided among them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Hidden checks: the sample slipped unmarked among each coder's other documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Like the reliability sample, but the shared documents are placed at seeded random places in each coder's queue, so no coder can tell which documents are checks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Size of the reliability sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Unit of the sample size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>% of the documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Seed of the random draw</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The same seed draws the same sample again; report it with the figures.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Draw the sample per</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>(no strata)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>outlet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Divide the other documents among the coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Sample &amp;size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>S&amp;eed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Draw per</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Warning about the strata</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>What will be assigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Assign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Documents</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+66" />
            <source>Hidden checks: %n document(s), coded by {0}; slipped unmarked into each coder's queue.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+6" />
            <source>Reliability sample: %n document(s), coded by {0}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>  {0}: %n document(s) ({1} for them alone)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Documents already assigned keep their status.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+22" />
            <source>Assigned documents to %n coder(s); {0} of them are hidden checks.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>Assigned documents to %n coder(s); the reliability sample has {0} documents.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>BuiltinCodebookDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/builtin_dialog.py" line="+16" />
            <source>Start from a built-in codebook</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+8" />
            <source>Its codes are added beside the %n code(s) the project has; none of those, and none of their annotations, is removed or changed.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+8" />
            <source>The codebook is empty: it starts with these codes, which you can then edit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Use this codebook</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BuiltinCodebookPicker</name>
        <message>
            <location filename="../../annotator/gui/common/codebook_preview.py" line="+74" />
            <source>Built-in codebooks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>About the chosen codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+39" />
            <source>{0}: {1} codes, {2} with a key.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodeForm</name>
        <message>
            <location filename="../../annotator/gui/codebook/codebook_editor_form.py" line="+29" />
            <source>Code details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Place in the codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Code name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose the highlight colour of this code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Shortcut key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>a key such as 1, g or Ctrl+1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Span: applied to passages of text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Document: applied to the whole article</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Its sub-codes are mutually exclusive values</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Exclusive group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>A coder's spans of two values of this group never overlap (for example, one source type per source).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Level of measurement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Nominal: categories without order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Ordinal: ordered values (in the order listed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Interval: numeric values</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Ratio: numeric values from a true zero</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>How agreement compares this variable's values, in the window and on the command line. For an exclusive article-level group or an article-level code with values.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Coding instructions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>When to apply this code, with an example and a counter-example. Coders see this while coding.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Use of this code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Shortcut</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Sc&amp;ope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Coding &amp;instructions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>top level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>In: {0}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+16" />
            <source>Used %n time(s) in annotations or article codes; it can be archived but not deleted.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Not used; delete or move its sub-codes before deleting it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Not used yet; it can be deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Archived: hidden from coders, annotations kept. </source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodeTree</name>
        <message>
            <location filename="../../annotator/gui/codebook/codebook_editor_tree.py" line="+32" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Uses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+40" />
            <source>(one of)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>(archived)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>No coding instructions yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodebookEditorDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/codebook_editor.py" line="+63" />
            <source>Codebook — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Codebook editor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+27" />
            <source>Add code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Add a code after the selected one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Add sub-code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Add a code inside the selected one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <location line="+1" />
            <source>Move up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Move down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Move to…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Put the selected code under another code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+150" />
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-149" />
            <source>Hide the code from coders; its annotations are kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Undo the last codebook change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Redo the change just undone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <location line="+2" />
            <source>Show archived codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+37" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Start from a built-in codebook…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Import YAML…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Import a codebook from YAML</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Export YAML…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Export the codebook to YAML</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-75" />
            <source>Delete a code nobody has used (Del)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+107" />
            <source>Undo: {0} (Ctrl+Z)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Nothing to undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Redo: {0} (Ctrl+Shift+Z)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Nothing to redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+51" />
            <source>A code needs a name; the old name was kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Colour of {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+75" />
            <source>New code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+17" />
            <source>“{0}” has been used, so it cannot be deleted; archive it instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Delete the code “{0}”? Nobody has used it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Deleted “{0}”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>(top level)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Move code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Move “{0}” under:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+29" />
            <source>Import a codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Codebooks (*.yaml *.yml);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+30" />
            <source> (and %n more problem(s))</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>{0} was not imported: {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Imported {0}: {1} added, {2} updated, {3} unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Export the codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Codebooks (*.yaml *.yml)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>The codebook could not be written to {0}: {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Exported the codebook to {0}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodebookFileDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/yaml_preview_dialog.py" line="+20" />
            <source>Import a codebook: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>{0}: {1} codes, {2} with a key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Codes the project already has (the same id) are updated; the others are added. No code of the project, and none of its annotations, is removed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The codebook is empty: it starts with these codes, which you can then edit.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodebookPage</name>
        <message>
            <location filename="../../annotator/gui/project_setup/setup_pages.py" line="+132" />
            <source>A &amp;built-in codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>A codebook &amp;file (YAML)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Empty: build it later in Project &gt; Edit codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <location line="+59" />
            <source>Codebook file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-58" />
            <source>A .yaml codebook, e.g. one exported from another project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose a codebook file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>The project starts without codes. The codebook editor offers the built-in codebooks too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>Choose the codebook file, or another kind of codebook.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Codebooks (*.yaml *.yml);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>{0}: {1} codes.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodebookPanel</name>
        <message>
            <location filename="../../annotator/gui/workbench/codebook_panel.py" line="+56" />
            <source>Filter codes…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Filter codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <location line="+18" />
            <source>Codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-16" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Coding instructions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Select a code to read its coding instructions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+87" />
            <source>No coding instructions for this code yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodebookTree</name>
        <message>
            <location filename="../../annotator/gui/common/codebook_preview.py" line="-90" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Codes of the codebook</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodebookVersionsDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/versions_dialog.py" line="+32" />
            <source>Codebook versions — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Codebook versions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>From version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>To version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;From version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>&amp;to version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>The codebook is now version {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Codebook changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Copy as Markdown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>The table, as `annotator codebook diff --format markdown` prints it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>No change between these versions.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n change(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+19" />
            <source>Copied the table as Markdown.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CoderChooser</name>
        <message>
            <location filename="../../annotator/gui/app/start_dialogs.py" line="+101" />
            <source>Who is coding?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>(adjudicator)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Or type a new coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>New coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Your annotations are saved under this name.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodersDialog</name>
        <message>
            <location filename="../../annotator/gui/team/coders_dialog.py" line="+40" />
            <location line="+2" />
            <source>Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Annotations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Name of the chosen coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Role of the chosen coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Colour…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Colour of the chosen coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>The chosen coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Co&amp;lour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>New coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>A new coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>New coder's role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Add coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+26" />
            <source>Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Adjudicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+69" />
            <source>Added {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>Colour of {0}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CodersPage</name>
        <message>
            <location filename="../../annotator/gui/project_setup/setup_pages.py" line="+10" />
            <source>New coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>A coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>New coder's role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Add coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Coders of the new project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Who works in this window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Each annotation belongs to one coder. Add the team now or later (Project &gt; Coders…); an adjudicator builds the gold standard from the coders' work.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>You work in the window as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Adjudicator (builds the gold standard)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Type the coder's name first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>There is already a coder named {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>(ask when the project opens)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <location filename="../../annotator/gui/compare/compare_view.py" line="+40" />
            <source>Compare coders — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Compare coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Coders:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+72" />
            <source>One lane per coder under each line; tinted text: a disagreement. Click a bar to choose that span; drag over the text to set the gold span's boundaries.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>{0} (gold)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Compare {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+107" />
            <source>Span F1, overlapping / exact: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>different codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-191" />
            <source>Document text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Agreement in this document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <location line="+21" />
            <source>Disagreements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-17" />
            <source>◀ Previous (P)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Previous disagreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Next (N) ▶</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Next disagreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+40" />
            <source>Legend</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+33" />
            <location line="+5" />
            <location line="+22" />
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>Choose at least two coders to compare.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>This project has no documents yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+35" />
            <source>gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Spans: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>only some coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>boundaries</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Disagreements: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>No disagreements: every chosen coder coded this document alike.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>The gold standard has a span here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>{0}: only {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>{0}: different boundaries</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Different codes: {0}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConfusionTable</name>
        <message>
            <location filename="../../annotator/gui/reliability/score_tables.py" line="+128" />
            <source>{0} coded {1}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <location filename="../../annotator/gui/app/crash_dialog.py" line="+44" />
            <source>Something went wrong: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+34" />
            <source>Annotator: unexpected problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>Your work is safe: Annotator saves every action the moment you make it, so everything you coded up to now is in the project file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>The details were written to the log file:&lt;br&gt;&lt;a href="{0}"&gt;{1}&lt;/a&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>No log file is being written; use “Copy details” to keep them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>If it happens again, please send the details to the people who support Annotator for you, with what you were doing at the time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Copy details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+29" />
            <source>Show details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-5" />
            <source>Copied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Hide details</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DiagnosticsView</name>
        <message>
            <location filename="../../annotator/gui/agreement/diagnostics_view.py" line="+77" />
            <source>Coder diagnostics</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Variable to diagnose</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Gold standard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>The coder each coder is compared with (default: the project's adjudicator, if one has coded)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>The adjudicator, if one has coded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Drift by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>week of coding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>order of coding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Articles per block</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Articles per block when drift follows the order of coding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Recompu&amp;te</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Compute the diagnostics again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Diagnostics progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Stop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Stop the diagnostics</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>Variab&amp;le</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Dri&amp;ft by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Bloc&amp;k</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Diagnostics status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Diagnostics</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Leave o&amp;ne out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Confusion &amp;matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+75" />
            <source>Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-74" />
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Coder's use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Others' use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Difference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Use of each category per coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Percentage points: the coder's use minus the others' on the same units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Category u&amp;se</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Dr&amp;ift</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Articles with most disagreement on this variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Articles &amp;with most disagreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>About leaving one coder out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Left out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>α of the others</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Alpha with each coder left out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>α without this coder minus α of all: above 0, this coder lowers alpha</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Pair of coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Pair of &amp;coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>About the confusion matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Confusion matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>About the drift</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Pairs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Agreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Agreement per coder and period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+37" />
            <source>Choose at least two coders to compare.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Diagnosing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>The diagnostics were stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+53" />
            <source>Coders {0} at the {1} unit, {2} articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>gold: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>no gold standard (no adjudicator codings)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>No variable could be compared.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+42" />
            <source>{0} – {1} (gold)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>α of all {0} coders: {1} on {2} pairable units. Leaving out the marked coder raises α most, so that coder lowers it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>lowers α most</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+24" />
            <source>Total</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <location line="+4" />
            <source>{0} (by {1})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>Rows: {0}'s values; columns: {1}'s. {2} units both coded, {3} agreement, α = {4}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+49" />
            <source>No coding times to follow agreement over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>per week of coding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>per block of {0} articles in the order each coder coded them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Share of agreeing pairs of values of each coder with {0}, {1}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DocumentCodesForm</name>
        <message>
            <location filename="../../annotator/gui/workbench/document_form.py" line="+31" />
            <source>Article-level codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>This codebook has no article-level codes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>(not coded)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Note on {0}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DocumentListPanel</name>
        <message>
            <location filename="../../annotator/gui/workbench/document_list.py" line="+172" />
            <source>Search titles and texts…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Search documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Batch filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Status filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>All statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>To do</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>In progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+64" />
            <source>All batches</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DocumentTableModel</name>
        <message>
            <location line="-209" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Outlet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+1" />
            <source>to do</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>in progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+25" />
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DocumentsTable</name>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_table.py" line="+48" />
            <source>Agreement per article</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Article</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Units of this article, over all variables</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Disagreeing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Units on which the coders gave more than one value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Agreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Pairwise percent agreement in this article</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DriftChart</name>
        <message>
            <location filename="../../annotator/gui/agreement/drift_chart.py" line="+19" />
            <source>Chart of each coder's agreement over time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+32" />
            <source>No drift to show.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../annotator/gui/exchange/export_dialog.py" line="+70" />
            <source>Export — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <location line="+102" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-93" />
            <source>Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <location line="+181" />
            <source>Export to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-179" />
            <source>&amp;Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose where to export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Coders to export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>All batches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>spaCy training data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Whose codings to train on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Majority of the coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Gold standard (the adjudicator's)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Coder: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Also write a 'spacy train' config beside it (.cfg)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Write a training config</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Share held out for evaluation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>This share of the documents (seeded) goes to a second file, NAME-dev.spacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Held out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>REFI-QDA</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Keep code names as they are</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Keep code names</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>By default a code name that repeats in another group is written 'Group: Name', since QualCoder keeps one code per name; importing strips the group again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>What this format cannot carry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Files written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Export progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <location line="+59" />
            <location line="+98" />
            <source>&amp;Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-154" />
            <source>Write the export (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Cancel export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>&amp;Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>C&amp;oders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+73" />
            <source>Export to the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>Choose where to export to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Choose at least one coder to export.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>Not carried by {0}:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Files of the same name in {0} will be replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Press Export again to write it anyway, or change the choice.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Export anyway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>The export was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+17" />
            <source>Wrote %n file(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <location filename="../../annotator/gui/project_setup/setup_pages.py" line="-265" />
            <source>Project name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Everything of the study lives in one project file: the articles, the codebook, the coders and their annotations.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>Give the project a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>A project name cannot contain / or \; choose the folder below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>There is no folder {0}; choose an existing folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>{0} already exists; choose another name, or open it with File &gt; Open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>The project will be saved as {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Folder of the project</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HelpBrowser</name>
        <message>
            <location filename="../../annotator/gui/help/help_browser.py" line="+80" />
            <source>Annotator user guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Search the guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Search the user guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Pages of the user guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>No page contains these words.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Help page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <location line="+12" />
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-11" />
            <source>Back (Alt+Left)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+9" />
            <source>Forward</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-8" />
            <source>Forward (Alt+Right)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Contents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Find in guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Find next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+55" />
            <source>{0} — Annotator user guide</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportAnnotationsDialog</name>
        <message>
            <location filename="../../annotator/gui/exchange/import_annotations_dialog.py" line="+72" />
            <source>Import annotations — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Import annotations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>File or folder to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;File…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>F&amp;older…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>From the file's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Coder of tasks that name none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Prodigy, doccano, Label Studio: a coder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>brat file names</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>brat: e.g. {document}_{coder}.ann</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Import report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Import progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Cancel import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>&amp;From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>F&amp;ormat</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;brat names</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>Import annotations from the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Import annotations from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Choose an existing file or folder to import.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Importing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>The import was cancelled; the project is unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>Done; the report is above.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../annotator/gui/importing/import_dialog.py" line="+80" />
            <source>Import articles — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Import articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Start the import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Files and folders to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Add files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Add files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Add folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Add a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Remove the selected files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Text, HTML, Word, PDF, CSV, JSON, Nexis or Factiva exports, zip archives; or drop them here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Batch name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Detect automatically</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Remove boilerplate (bylines, share buttons, cookie notices)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Clean the text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Language pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>The spaCy pipeline that finds sentences and tokens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Batch &amp;name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Columns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Column mapping</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <location line="+23" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-22" />
            <location line="+22" />
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-21" />
            <location line="+21" />
            <source>Outlet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-20" />
            <source>Author</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Column for {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Preview of the first articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Beginning of the text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>Preview message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Files that cannot be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+28" />
            <source>Starting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Import progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Import progress bar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+25" />
            <source>{0} and {1} more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Choose articles to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Choose a folder of articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+57" />
            <source>Add files or folders to see the first articles.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+11" />
            <source>The first %n article(s) as they will be imported.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>No article could be read from these files; see the reasons below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+26" />
            <source>{0} is open read-only, so no articles can be imported into it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Reading and segmenting articles…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+35" />
            <source>The import was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-17" />
            <source>Reading and segmenting articles: {0:.0%} of {1} read…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Stopping after the current articles; those saved are kept…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message>
            <location filename="../../annotator/gui/project_setup/setup_pages.py" line="+206" />
            <source>&amp;Import articles as soon as the project opens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Articles come from files, a folder or a zip archive: plain text, web pages, Word, PDF, CSV or JSON tables, and exports of Nexis Uni or Factiva. The import dialog opens on the new project; File &gt; Import articles… brings more at any time.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportReportView</name>
        <message>
            <location filename="../../annotator/gui/importing/import_dialog_report.py" line="+17" />
            <source>Import report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Import result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Import summary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Import details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Detail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Language pipeline notice</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+17" />
            <source>Import cancelled: %n article(s) of “{0}” were saved before it stopped.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>Imported %n article(s) into the batch “{0}”.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing new was imported from “{0}”.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n duplicate(s) skipped</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n near-duplicate(s) flagged</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n file(s) failed</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n boilerplate line(s) removed by cleaning</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>The new articles are in the document list, in the batch “{0}”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+24" />
            <source>Failed files ({0})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Near-duplicates ({0}), imported and flagged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>resembles “{0}” ({1:.0%} alike)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Duplicates ({0}), already in the project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>Sentences and tokens by {0}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LanesWidget</name>
        <message>
            <location filename="../../annotator/gui/compare/compare_lanes.py" line="+107" />
            <source>Document text with one lane per coder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LiftLine</name>
        <message>
            <location filename="../../annotator/gui/agreement/lift_line.py" line="+26" />
            <source>Articles still to code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Lower bound to reach</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>The alpha the interval's lower bound should pass (as --alpha-min of `annotator agreement plan`)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>T&amp;hreshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+31" />
            <source>Code {0} more articles to lift the lower bound for {1} above {2}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The lower bound for {0} is already above {1}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../annotator/gui/workbench/main_window.py" line="+73" />
            <location line="+460" />
            <source>Annotator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-414" />
            <source>Annotations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Article</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Annotations and article-level codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+24" />
            <source>Progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Read-only notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>{0} is open read-only: changes cannot be saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>{0} — Annotator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>{0} (read-only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Coding as {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+65" />
            <source>Mark done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Every document in this list is done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>{0} of {1} done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+108" />
            <location line="+42" />
            <source>Select some text first, then apply a code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-37" />
            <source>Apply {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Applied {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+17" />
            <source>No code applied yet in this session.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Apply a code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <location line="+9" />
            <location line="+16" />
            <location line="+7" />
            <source>Put the cursor in an annotation first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-30" />
            <source>Change the code to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Change code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>Edit note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Delete annotation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Move annotation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Set article code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Clear article code</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MergeCodesDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/operation_dialogs.py" line="+50" />
            <location line="+1" />
            <source>Merge codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Codes to merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Merge into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>A new name, or an existing code's path</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>The merged codes are archived and the merge is recorded: Migrate older codings… gives their codings the new code. Undo (Ctrl+Z) takes it back.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../annotator/gui/team/merge_dialog.py" line="+53" />
            <source>Merge coder packages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Packages to merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Add packages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>When a package's codebook differs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Refuse the package and change nothing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Add the codes the project lacks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Merge only what the project's codebook knows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Accept packages made before packages were signed (only if you trust the files)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Merge counts per package</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Package</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Unchanged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Article codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Merge result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Merge report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Warnings, codebook differences and refusals appear here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Preview (dry run)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Pac&amp;kages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Codebook differs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+29" />
            <source>Coder packages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Annotator projects (*.annotator);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+32" />
            <source>{0} could not be read: {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>Warning: </source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>Dry run, nothing was changed: merging would bring %n change(s) from {0} package(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>Merged %n change(s) from {0} package(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n package(s) refused; see the report below.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing else to report: no warnings, codebook differences or refusals.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MigrationDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/migration_dialog.py" line="+78" />
            <source>Migrate older codings — {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Migrate older codings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Bring codings to version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Bring older codings to codebook &amp;version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Operations replayed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Operation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Codings moved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Waiting for a decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Split codes: which code their older codings become</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Load decisions per coding from a file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>A YAML mapping file, as `annotator codebook migrate --mapping` reads</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Dry run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Migration progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Give the older codings their new codes (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Cancel migration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+34" />
            <source>Code for the older codings of {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>— choose —</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>{0} (%n coding(s))</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+18" />
            <source>the window's choices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+26" />
            <source>Dry run to version {0}: {1} codings given a new code, {2} kept their code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>; {0} need a decision (choose above, or load a file)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>; nothing was changed yet.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n span(s) given a new code overlap a span of the same coder with that code; both are kept.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Every coding is already at codebook version {0}: nothing to migrate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Decisions for split codes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Mapping files (*.yaml *.yml)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>Migrating…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>The migration was cancelled; nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+23" />
            <source>Codings brought to codebook version {0}: {1} given a new code, {2} kept their code.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ModelPanel</name>
        <message>
            <location filename="../../annotator/gui/agreement/model_panel.py" line="+49" />
            <source>Model coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Model coder per variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>The model coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Code or exclusive group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Humans only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Krippendorff's alpha of the human coders without the model, with its 95% interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>With model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Alpha of the humans and the model together, with its 95% interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Model vs humans</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Mean of the alphas of the model paired with each human, with its 95% interval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Winning rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Alternative annotator test: share of humans the model could replace (after the false discovery rate correction)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Advantage prob.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Mean share of units on which the model represents the other humans at least as well</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Replace a human?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Passed when the winning rate is at least 0.5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>About the model figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Alternative annotator test per human</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+23" />
            <source>Choose a model coder among the coders to see its figures here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>No variable has model figures for these settings; see the notes below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>95% intervals from {0} bootstrap resamples (seed {1})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>no interval (resamples: 0)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Model coder {0}: Krippendorff's alpha, {1}; alternative annotator test (Calderon, Reichart &amp; Dror 2025) with epsilon {2}: the model may replace a human when its winning rate is at least 0.5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>yes (passed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>no (failed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>not run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>yes (passed; alpha at chance)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+40" />
            <source>{0}, model {1}: alpha of each human with the model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Alternative annotator test, one human left out at a time:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>the model is a better alternative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>not shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>{0}: {1} units, model wins {2}, human wins {3}, {4}: {5}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NewProjectDialog</name>
        <message>
            <location filename="../../annotator/gui/project_setup/new_project_dialog.py" line="+45" />
            <source>New project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Steps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>1. Project file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>2. Codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>3. Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>4. First articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&lt; &amp;Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Next &gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Create project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+67" />
            <source>{0} could not be created: {1}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NewRoundDialog</name>
        <message>
            <location filename="../../annotator/gui/reliability/new_round_dialog.py" line="+42" />
            <source>New training round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Name of the round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Gold standard coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Whose codings are gold: the adjudicator, or a coder imported as gold.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>(no adjudicator yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Gold articles of the round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Which articles can be gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Coders to train</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Pass mark: alpha against gold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>A coder passes when alpha against gold reaches this on every variable.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;First in each coder's queue, before their other articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Hidden among each coder's other articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Slipped in at seeded random places, so a coder cannot tell the training articles.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Seed of the hidden places</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>C&amp;reate round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Gold standard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Pass mark (alpha)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>S&amp;eed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+34" />
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>(already in {0})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>cannot be gold: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Only articles with a gold coding can be training articles.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Every article has a gold coding by {0} and can be chosen.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n article(s) have a gold coding by {0} and can be chosen; the others cannot.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+31" />
            <source>No gold article is left that no round has used; adjudicate or import more gold first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NoteDialog</name>
        <message>
            <location filename="../../annotator/gui/workbench/note_dialog.py" line="+20" />
            <location line="+7" />
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-5" />
            <source>Note on “{0}”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Ctrl+Enter saves, Esc cancels.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PackagesDialog</name>
        <message>
            <location filename="../../annotator/gui/team/packages_dialog.py" line="+37" />
            <source>Coder packages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Coders who get a package</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <location line="+84" />
            <source>Folder for the packages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-83" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Choose the folder for the packages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Replace packages already in the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Packages to write</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Each coder opens their package in Annotator and codes as usual; it holds their assigned documents (all documents when nothing is assigned to them), the codebook and only their own work. Project &gt; Merge packages… brings their work back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Write packages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+27" />
            <source>Choose the coders who get a package.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>There are no coders to package for; add them in Project &gt; Coders….</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>  (replaced)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>  (already there)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>The packages could not be written to {0}: {1}.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+11" />
            <source>Wrote %n package(s) to {0}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <location filename="../../annotator/gui/app/preferences.py" line="+17" />
            <source>Preferences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Text size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Snap selections to whole words (hold Alt for exact characters)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Snap selections to whole words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Light or dark follows your system's appearance setting.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Article text size</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProjectChooser</name>
        <message>
            <location filename="../../annotator/gui/app/start_dialogs.py" line="-76" />
            <source>Annotator: choose a project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <location line="+18" />
            <source>Recent projects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-11" />
            <source>Open…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>New project…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QuickPicker</name>
        <message>
            <location filename="../../annotator/gui/workbench/quick_picker.py" line="+18" />
            <source>Apply a code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Type to filter codes, Enter to apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Code name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Matching codes</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SamplePlanDialog</name>
        <message>
            <location filename="../../annotator/gui/agreement/sample_plan_dialog.py" line="+47" />
            <location line="+1" />
            <source>Plan the reliability sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Before coding: how many units two coders must code so that alpha exceeds the smallest acceptable value at the chosen significance level, given how often the rarest category occurs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Smallest acceptable alpha</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>0.800 to rely on a variable, 0.667 for tentative conclusions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Significance level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>One-tailed, as in Krippendorff's table (0.100, 0.050, 0.010, 0.005)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Smallest acceptable &amp;alpha</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Significance &amp;level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Expected distribution of the categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Share of the least frequent category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Share of the least frequent category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Equally frequent categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Number of equally frequent categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Expected &amp;distribution</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Expected distribution</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>counts or percentages, such as 40, 30, 20, 10</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>Minimum number of units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Required units by alpha and significance level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+65" />
            <source>At least {0} units, each coded by two coders, for α ≥ {1} at p = {2} when the least frequent category has a share of {3}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Krippendorff (2019), table of minimum sample sizes for two coders, after Bloch &amp; Kraemer (1989, eq. 3.7); the significance level is one-tailed.
The same figure on the command line:
annotator agreement plan --alpha-min {0} --significance {1} --smallest-share {2}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Required units for other plans with the same share ({0}):</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ScoresTable</name>
        <message>
            <location filename="../../annotator/gui/reliability/score_tables.py" line="-73" />
            <source>Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Alpha</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Span F1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Agreement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Pass</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>no</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <location filename="../../annotator/gui/help/help_browser.py" line="+128" />
            <location line="+24" />
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-19" />
            <source>Type to filter, e.g. “undo” or “Ctrl”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Filter shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Command</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Shortcut</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+28" />
            <source>&lt;a href="guide"&gt;More in the user guide&lt;/a&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SplitCodeDialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/operation_dialogs.py" line="+28" />
            <location line="+1" />
            <source>Split code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Codes it splits into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Military
Political</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Split</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>One code a line, at least two: a new name (it goes beside the split code) or an existing code's path. The split code is archived; which code each older coding becomes is decided in Migrate older codings…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SuggestionsLayer</name>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="+67" />
            <location line="+22" />
            <source>Open a document first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-7" />
            <source>Finding sources and quotes…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+25" />
            <source>Suggesting codes from the better of model and rules…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Nothing to suggest: no code of model {0} passed its threshold.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>{0} from {1} ({2})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>{0} suggestions: {1}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>{0} suggestions found in the document you left.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>The suggestions for this document are up to date ({0} open).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>{0} suggestions found; {1} open.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Finding sources was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>No open suggestions in this document.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+40" />
            <location line="+25" />
            <source>Go to a suggestion first (Ctrl+]).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-21" />
            <source>Accept the suggestion with the code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Accept suggestion as {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Accepted as {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Reject suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Suggestion rejected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+67" />
            <source>Source type: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Speaker: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Suggested from {0}: {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Suggested {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>source type: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>speaker: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>from {0}: {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Ctrl+Shift+Return accepts, Ctrl+Shift+Backspace rejects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="53" />
            <source>Show &amp;suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="54" />
            <source>&amp;Find sources in this document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="56" />
            <source>Suggest codes from the &amp;better of model and rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="58" />
            <source>&amp;Next suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="59" />
            <source>&amp;Previous suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="61" />
            <source>&amp;Accept suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="63" />
            <source>&amp;Reject suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="66" />
            <source>S&amp;uggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/suggestions_layer.py" line="72" />
            <source>Suggestions</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TrainingRoundsDialog</name>
        <message>
            <location filename="../../annotator/gui/reliability/training_rounds_dialog.py" line="+59" />
            <location line="+18" />
            <source>Training rounds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-16" />
            <source>not started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>not passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Articles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Coders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Pass mark</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Placement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Rounds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+56" />
            <source>Coder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-56" />
            <source>Standing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Scorings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Coders of the round and their standing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>C&amp;oders of the round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;New round…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>New round for those who did not &amp;pass…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>The same pass mark and placement, new gold articles, the coders who have not passed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Score now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Score every coder of the round against gold; the scoring is kept in the history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>The project is open read-only here: no round can be created.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Scores per coder and variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Confusion matrix: gold in rows, the coder in columns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Confusion &amp;matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Which confusion matrix is shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>Scored (UTC)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Alpha per variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Earlier scorings of the round</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Scores and history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Latest scores</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;History</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Scoring progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>S&amp;top</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Stop the scoring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+52" />
            <source>hidden</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>first in queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>not recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>No training round yet: New round… marks gold articles as one and assigns them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>coding {0} of {1}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+31" />
            <source>Round {0} created: %n gold article(s) assigned to {1}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+23" />
            <source>Scoring {0} against gold…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>The scoring was stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>Round {0} scored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Passed: {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Not passed: {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Not started yet: {0}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Score the round to see each coder's confusion with gold.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>{1}, {0}: gold's values in rows, {0}'s in the columns of the same numbers.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>VersionsBar</name>
        <message>
            <location filename="../../annotator/gui/codebook/versions_bar.py" line="+23" />
            <source>Codebook version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Merge codes…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Merge codes into one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>S&amp;plit code…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Split the selected code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Versions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>The changes between two codebook versions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Mi&amp;grate older codings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Replay merges and splits on codings made under an earlier version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>{0} codes · codebook version {1}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WindowMenusMixin</name>
        <message>
            <location filename="../../annotator/gui/workbench/window_menus.py" line="+46" />
            <source>No recent projects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+131" />
            <source>Codes (while the article text has the focus)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>In the article text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Select text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Shift+arrows, Shift+Ctrl+arrows (by word), or the mouse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Exact characters instead of whole words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>hold Alt while selecting with the mouse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Move the cursor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>arrows, Ctrl+arrows, Home, End, PgUp, PgDown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Select the annotation under the cursor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>move the cursor into it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+17" />
            <source>About Annotator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Annotator {0}

Code news articles for framing and sourcing, compare coders and report reliability.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Worker</name>
        <message>
            <location filename="../../annotator/gui/app/workers.py" line="+53" />
            <source>The operation stopped because of an unexpected error: {0}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>dialog</name>
        <message>
            <location filename="../../annotator/gui/codebook/operation_dialogs.py" line="-88" />
            <source>{0} (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>table</name>
        <message>
            <location filename="../../annotator/gui/reliability/score_tables.py" line="+66" />
            <source>passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>not passed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>w</name>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="+21" />
            <source>&amp;HTML report with charts…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>HTML report (*.html)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Excel workbook…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Excel workbook (*.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;CSV table…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>CSV table (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Reliability &amp;matrix of the selected variable (R, SPSS, ReCal)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Units x coders CSV (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>E&amp;xport</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Export the figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Write the report or the reliability matrix to a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>C&amp;opy table</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Copy the table</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Copy the table as tab-separated text, for a spreadsheet or a paper (Ctrl+Shift+C)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+24" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Compute the figures first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Wrote {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Select the variable whose matrix to export.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The continuum has no units for a matrix; compute at another unit first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The folder of {0} does not exist; choose another place.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+27" />
            <source>Copied {0} rows; paste them into a spreadsheet or a document.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DashboardExport</name>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="44" />
            <source>E&amp;xport</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="45" />
            <source>Export the figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="46" />
            <source>Write the report or the reliability matrix to a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="54" />
            <source>C&amp;opy table</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="55" />
            <source>Copy the table</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="57" />
            <source>Copy the table as tab-separated text, for a spreadsheet or a paper (Ctrl+Shift+C)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="81" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="93" />
            <source>Compute the figures first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="101" />
            <source>Wrote {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="108" />
            <source>Select the variable whose matrix to export.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="112" />
            <source>The continuum has no units for a matrix; compute at another unit first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="116" />
            <source>The folder of {0} does not exist; choose another place.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/agreement/agreement_export.py" line="143" />
            <source>Copied {0} rows; paste them into a spreadsheet or a document.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>start_dialogs</name>
        <message>
            <location filename="../../annotator/gui/app/start_dialogs.py" line="31" />
            <source>Annotator projects (*.annotator);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/app/start_dialogs.py" line="35" />
            <source>Open project</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>startup</name>
        <message>
            <location filename="../../annotator/gui/app/startup.py" line="29" />
            <source>Annotator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/app/startup.py" line="34" />
            <source>{0} could not be opened: {1}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="29" />
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="30" />
            <source>&amp;New project…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="31" />
            <source>&amp;Open project…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="32" />
            <source>Open &amp;recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="35" />
            <source>&amp;Import articles…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="37" />
            <source>Import &amp;annotations…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="39" />
            <source>&amp;Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="40" />
            <source>&amp;Write methods appendix…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="41" />
            <source>Switch &amp;coder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="44" />
            <source>&amp;Preferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="46" />
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="47" />
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="49" />
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="50" />
            <source>&amp;Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="52" />
            <source>&amp;Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="57" />
            <source>&amp;Search documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="58" />
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="60" />
            <source>&amp;Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="62" />
            <source>&amp;Apply code…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="64" />
            <source>&amp;Repeat last code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="66" />
            <source>C&amp;hange code of annotation…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="67" />
            <source>Write &amp;note on annotation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="69" />
            <source>C&amp;lear the selection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="73" />
            <source>&amp;Delete annotation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="82" />
            <source>Annotation starts a word &amp;earlier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="89" />
            <source>Annotation starts a word &amp;later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="96" />
            <source>Annotation ends a word earlier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="103" />
            <source>Annotation ends a word later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="109" />
            <source>C&amp;odes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="111" />
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="113" />
            <source>&amp;Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="115" />
            <source>Mark &amp;done and go to next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="117" />
            <source>&amp;Next document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="118" />
            <source>&amp;Previous document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="120" />
            <source>Go to document &amp;list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="121" />
            <source>Go to article &amp;text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="122" />
            <source>Go to &amp;codebook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="123" />
            <source>Go to &amp;annotations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="124" />
            <source>Go to article-level &amp;form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="125" />
            <source>Document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="127" />
            <source>&amp;Project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="128" />
            <source>&amp;Edit codebook…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="129" />
            <source>C&amp;oders…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="130" />
            <source>A&amp;ssign documents…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="131" />
            <source>Coder &amp;packages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="132" />
            <source>&amp;Merge packages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="133" />
            <source>&amp;Training rounds…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="135" />
            <source>&amp;Agreement between coders…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="137" />
            <source>&amp;Compare and adjudicate this document…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="139" />
            <source>Project</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="141" />
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="142" />
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="143" />
            <source>User &amp;guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="144" />
            <source>&amp;About Annotator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../annotator/gui/workbench/window_actions.py" line="145" />
            <source>Help</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
