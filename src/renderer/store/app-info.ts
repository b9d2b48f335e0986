// Facts about the running app (version, data dir, demo cluster), asked of main once and shared by every view.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/app';
import { call } from '../client';
import { useUi } from './ui';

let pending: Promise<AppInfo | undefined> | undefined;

/** They do not change while the app runs, so one answer serves all; a failed call is tried again next time. */
export function loadAppInfo(): Promise<AppInfo | undefined> {
  pending ??= call('app:info', {}).then((result) => {
    if (result.ok) return result.value;
    pending = undefined;
    useUi.getState().notifyError(result.error);
    return undefined;
  });
  return pending;
}

export function useAppInfo(): AppInfo | undefined {
  const [info, setInfo] = useState<AppInfo>();
  useEffect(() => {
    let current = true;
    void loadAppInfo().then((value) => current && setInfo(value));
    return () => {
      current = false;
    };
  }, []);
  return info;
}
