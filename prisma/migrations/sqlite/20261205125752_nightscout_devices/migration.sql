-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "secretSha1" TEXT NOT NULL,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Device_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Reading" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,
    "valueMgdl" REAL NOT NULL,
    "mealContext" TEXT NOT NULL,
    "note" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'fingerstick',
    "source" TEXT NOT NULL DEFAULT 'typed',
    "beyondRange" TEXT,
    "importKey" TEXT,
    "importId" TEXT,
    "deviceId" TEXT,
    "deviceName" TEXT,
    "direction" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Reading_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reading_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Reading_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Reading" ("beyondRange", "createdAt", "id", "importId", "importKey", "kind", "mealContext", "note", "source", "takenAt", "updatedAt", "userId", "valueMgdl") SELECT "beyondRange", "createdAt", "id", "importId", "importKey", "kind", "mealContext", "note", "source", "takenAt", "updatedAt", "userId", "valueMgdl" FROM "Reading";
DROP TABLE "Reading";
ALTER TABLE "new_Reading" RENAME TO "Reading";
CREATE INDEX "Reading_userId_takenAt_id_idx" ON "Reading"("userId", "takenAt" DESC, "id");
CREATE INDEX "Reading_importId_idx" ON "Reading"("importId");
CREATE UNIQUE INDEX "Reading_userId_importKey_key" ON "Reading"("userId", "importKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Device_secretSha1_key" ON "Device"("secretSha1");

-- CreateIndex
CREATE INDEX "Device_userId_idx" ON "Device"("userId");
