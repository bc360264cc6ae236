-- CreateTable
CREATE TABLE "Treatment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "units" REAL,
    "insulinKind" TEXT,
    "purpose" TEXT,
    "insulinName" TEXT,
    "grams" REAL,
    "minutes" INTEGER,
    "intensity" TEXT,
    "value" REAL,
    "unit" TEXT,
    "note" TEXT,
    "source" TEXT NOT NULL DEFAULT 'typed',
    "importKey" TEXT,
    "importId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Treatment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Treatment_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Treatment_userId_takenAt_id_idx" ON "Treatment"("userId", "takenAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Treatment_importId_idx" ON "Treatment"("importId");

-- CreateIndex
CREATE UNIQUE INDEX "Treatment_userId_importKey_key" ON "Treatment"("userId", "importKey");
