import { Suspense, lazy } from 'react';
import { useAuthStore } from '../account/authStore';
import { AuthPage } from '../account/AuthPage';
import { Spinner } from '../shared/ui/Avatar';

// The chat UI (and socket.io-client with it) loads only once someone is signed in.
const ChatApp = lazy(() => import('../chat/ChatApp'));

export function App() {
  const user = useAuthStore((s) => s.user);
  if (!user) return <AuthPage />;
  return (
    <Suspense
      fallback={
        <div className="flex h-full items-center justify-center">
          <Spinner label="Loading Kiln" />
        </div>
      }
    >
      <ChatApp key={user.id} />
    </Suspense>
  );
}
