/**
 * Unit tests of code that imports `vscode` (the tree, the command wrapper, the pickers' item
 * builders) import this module FIRST: it installs one stub editor for the whole process before the
 * src modules load, since each binds `vscode` when it is required. Tests share the editor and call
 * `editor.clearRecords()` between them. The benchmark's hosts install their own editor on top and
 * put this one back when they uninstall.
 */
import { installVscodeStub, StubEditor } from './vscodeStub';

export const editor = new StubEditor();
installVscodeStub(editor);
