import { render } from 'solid-js/web';
import { App } from './ui/App.tsx';
import { registerJobRunners } from './jobs/registry.ts';
import './ui/styles.css';

registerJobRunners();
render(() => <App />, document.getElementById('root')!);
