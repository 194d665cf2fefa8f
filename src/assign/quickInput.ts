/**
 * One step of a multi-step quick input (title, "step n/3", Back, `busy` while loading), after the
 * quickinput sample, with its two known gaps closed: Escape always settles the flow (the promise
 * rejects with `FlowCancelled`), and the whole flow shares one AbortSignal that is aborted on
 * Escape, so pending requests stop at the socket.
 */
import * as vscode from 'vscode';

import { FlowCancelled } from './flowCancelled';

export { FlowCancelled };

export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface StepContext {
  title: string;
  step: number;
  totalSteps: number;
  /** Aborted when the user leaves the flow. */
  signal: AbortSignal;
  canGoBack: boolean;
}

export interface PickStepOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  /** Items to show at once (cached or partial); `load` may replace them. */
  initial?: readonly T[];
  /** Loads (or reloads) the items; the picker shows `busy` meanwhile. */
  load?: (signal: AbortSignal) => Promise<readonly T[]>;
  /** Tells an item of `load` that stands for an `initial` one, so the highlight stays put. */
  sameItem?: (a: T, b: T) => boolean;
  buttons?: readonly vscode.QuickInputButton[];
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Lets the step react to typing, buttons and accepts of special items. Return true to keep the picker open. */
  setup?: (picker: vscode.QuickPick<T>, signal: AbortSignal) => StepHooks<T> | void;
  /** Shown (as the placeholder) when loading fails; the flow stays open so the user can go back. */
  describeError: (e: unknown) => string;
}

export interface StepHooks<T> {
  onButton?: (button: vscode.QuickInputButton) => void;
  /** An item's own button (QuickPickItem.buttons). Return true to end the step with that item. */
  onItemButton?: (item: T, button: vscode.QuickInputButton) => boolean;
  /** Return true when the accept was handled here (e.g. "Load more…") and the step goes on. */
  onAccept?: (item: T) => boolean | Promise<boolean>;
  dispose?: () => void;
}

/** Shows one pick step; resolves with the chosen item or BACK, rejects FlowCancelled on Escape. */
export function pickStep<T extends vscode.QuickPickItem>(ctx: StepContext, options: PickStepOptions<T>): Promise<T | Back> {
  const picker = vscode.window.createQuickPick<T>();
  picker.title = ctx.title;
  picker.step = ctx.step;
  picker.totalSteps = ctx.totalSteps;
  picker.placeholder = options.placeholder;
  picker.ignoreFocusOut = false;
  picker.matchOnDescription = options.matchOnDescription ?? true;
  picker.matchOnDetail = options.matchOnDetail ?? false;
  picker.buttons = [...(ctx.canGoBack ? [vscode.QuickInputButtons.Back] : []), ...(options.buttons ?? [])];
  if (options.initial) picker.items = options.initial;

  const disposables: vscode.Disposable[] = [];
  let hooks: StepHooks<T> | void = undefined;
  let settled = false;

  return new Promise<T | Back>((resolve, reject) => {
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      hooks?.dispose?.();
      for (const d of disposables) d.dispose();
      picker.dispose();
    };
    disposables.push(
      picker.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(() => resolve(BACK));
        else hooks?.onButton?.(button);
      }),
      picker.onDidTriggerItemButton(({ item, button }) => {
        if (hooks?.onItemButton?.(item, button)) finish(() => resolve(item));
      }),
      picker.onDidAccept(async () => {
        const item = picker.activeItems[0] ?? picker.selectedItems[0];
        if (!item) return;
        if (hooks?.onAccept && (await hooks.onAccept(item))) return;
        finish(() => resolve(item));
      }),
      picker.onDidHide(() => finish(() => reject(new FlowCancelled()))),
    );
    hooks = options.setup?.(picker, ctx.signal);
    picker.show();

    if (options.load) {
      picker.busy = true;
      // Started a tick later: a step accepted at once (a fast keyboard, automation) loads nothing.
      const load = options.load;
      void new Promise((r) => setImmediate(r))
        .then(() => {
          if (settled) throw new FlowCancelled();
          return load(ctx.signal);
        })
        .then((items) => {
          if (settled) return;
          replaceItems(picker, items, options.sameItem);
        })
        .catch((e: unknown) => {
          if (settled || ctx.signal.aborted) return;
          picker.placeholder = options.describeError(e);
        })
        .finally(() => {
          if (!settled) picker.busy = false;
        });
    }
  });
}

/** Keeps the current highlight when items are replaced (VS Code resets it to the first item). */
export function replaceItems<T extends vscode.QuickPickItem>(picker: vscode.QuickPick<T>, items: readonly T[], keep?: (a: T, b: T) => boolean): void {
  const active = picker.activeItems[0];
  picker.items = items;
  if (active && keep) {
    const again = items.find((i) => keep(i, active));
    if (again) picker.activeItems = [again];
  }
}
