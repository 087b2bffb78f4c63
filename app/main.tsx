import { render } from 'solid-js/web';
import { App } from './ui/App.tsx';
import { startJobs } from './jobs/app-queue.ts';
import './ui/styles.css';

startJobs();
render(() => <App />, document.getElementById('root')!);
