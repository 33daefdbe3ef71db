import { createRoot } from 'react-dom/client';
import { App, type ExampleConfig } from './App.js';

// The page provides its configuration and the app's wallet (here: the dev wallet).
const config = JSON.parse(document.getElementById('example-config')!.textContent!) as ExampleConfig;
const wallet = (window as unknown as { maskDevWallet: Parameters<typeof App>[0]['wallet'] }).maskDevWallet;
createRoot(document.getElementById('root')!).render(<App config={config} wallet={wallet} />);
